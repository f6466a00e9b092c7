// The sidebar pages of the add-on: the source folder under src/sidebar/pages and the HTML file name the build
// writes into the clasp rootDir (HtmlService.createHtmlOutputFromFile takes the name without ".html").
export const SIDEBAR_PAGES = {
  gvbm: { file: 'SidebarGvbm', title: 'Giáo viên bộ môn' },
  gvcn: { file: 'SidebarGvcn', title: 'Giáo viên chủ nhiệm' },
  admin: { file: 'SidebarQuanTri', title: 'Quản trị' },
  help: { file: 'SidebarHuongDan', title: 'Hướng dẫn' },
} as const;

export type SidebarPage = keyof typeof SIDEBAR_PAGES;

export function isSidebarPage(name: string): name is SidebarPage {
  return Object.prototype.hasOwnProperty.call(SIDEBAR_PAGES, name);
}
