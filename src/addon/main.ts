// The add-on's entry: every export becomes a top-level function of Code.js (see build.ts) — exactly the functions
// Apps Script must see: simple triggers, menu item handlers and google.script.run targets. Nothing else is exported.
export { onOpen, onInstall, menuGvbm, menuGvcn, menuQuanTri, menuKiemTraDiem, menuHuongDan } from './menu.ts';
export { onEdit } from './edit-check.ts';
export { whoAmI } from './roles.ts';
export { gvbmLoad, gotoCell, currentSelection, gvbmReportProblem, gvbmSubmitPetition } from './gvbm.ts';
export { gvcnLoad, gvcnComputeClass, gvcnSaveConduct, gvcnSaveAttendance } from './gvcn.ts';
export { adminLoad, adminConsolidate, adminReport, adminDecidePetition, adminClosePetition } from './admin.ts';
