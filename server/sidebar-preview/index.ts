// Browser preview of the add-on's sidebars, bound to the local workspace (mounted by `npm start`, used by the
// Chromium tests). It serves the BUILT sidebar pages with a google.script.run shim that posts each call to
// /sidebar-preview/run, where the built Code.js runs in node:vm over the Apps Script facade as the chosen user.
// Local only: anyone who can reach it can act as any user of the local workspace.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { SIDEBAR_PAGES, isSidebarPage, type SidebarPage } from '../../src/addon/pages.ts';
import { html, raw, type SafeHtml } from '../web/html.ts';
import { ensureBuiltAddon, loadAddon, runAddonFunction, type AsyncFetch, type LoadedAddon } from './runner.ts';
import { runtimeFactory } from './facade.ts';
import { listPreviewBooks, type PreviewBook } from './books.ts';

export interface SidebarPreviewOptions {
  /** The in-process local workspace (server/local Workspace). */
  workspace: unknown;
  /** Built add-on folder; default: a fresh build of src/addon into a temporary folder on first use. */
  distDir?: string;
  /** URL prefix (default /sidebar-preview). */
  prefix?: string;
  /** HOSO_SERVICE_URL given to the add-on; default: the origin the preview was requested on (npm start serves /api there). */
  serviceUrl?: string;
  /** Extra options handed to the Apps Script facade. */
  runtimeOptions?: Record<string, unknown>;
  /** Re-read Code.js and the pages on every request (development). */
  reload?: boolean;
  [other: string]: unknown;
}

/** The Apps Script project id the preview's script properties live under (local workspace). */
export const SCRIPT_ID = 'hoso-sidebar-preview';

/** Sets a script property the way an admin would in the Apps Script project settings. */
export async function setScriptProperty(workspace: unknown, user: string, scriptId: string, key: string, value: string): Promise<void> {
  const rt = (await runtimeFactory())({ workspace, user, scriptId });
  const props = (rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getScriptProperties();
  if (props.getProperty(key) !== value) props.setProperty(key, value);
}

/** UrlFetchApp → the service on this same fastify app (inject: no socket, no deadlock); other hosts → fetch(). */
export function serviceFetch(app: FastifyInstance, serviceUrl: string): AsyncFetch {
  const origin = new URL(serviceUrl).origin;
  return async (req) => {
    const url = new URL(req.url);
    const headers: Record<string, string> = { ...req.headers };
    if (req.contentType) headers['content-type'] = req.contentType;
    if (url.origin === origin) {
      const res = await app.inject({ method: req.method as 'GET', url: url.pathname + url.search, headers, payload: req.payload });
      return { status: res.statusCode, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: res.body };
    }
    const res = await fetch(req.url, { method: req.method, headers, body: req.payload });
    return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  };
}

const RunBody = z.object({
  ss: z.string().min(1).max(200),
  user: z.string().email().max(320),
  fn: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
  args: z.array(z.unknown()).max(20).default([]),
});

const PageQuery = z.object({ ss: z.string().min(1).max(200), user: z.string().email().max(320) });

/** JSON for an inline <script>: nothing in it can close the script element or start a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The google.script.run / google.script.host stand-in injected into a built page. */
export function shimScript(endpoint: string, ss: string, user: string): string {
  return `<script>(function(){
var cfg=${scriptJson({ endpoint, ss, user })};
function report(msg){try{if(window.parent&&window.parent!==window)window.parent.postMessage(Object.assign({hosoPreview:true},msg),'*');}catch(e){}}
function runner(ok,fail,obj){return new Proxy({},{get:function(_,name){
if(name==='withSuccessHandler')return function(f){return runner(f,fail,obj);};
if(name==='withFailureHandler')return function(f){return runner(ok,f,obj);};
if(name==='withUserObject')return function(o){return runner(ok,fail,o);};
if(typeof name!=='string'||name==='then'||name==='toJSON')return undefined;
return function(){var args=Array.prototype.slice.call(arguments);
fetch(cfg.endpoint,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({ss:cfg.ss,user:cfg.user,fn:name,args:args})})
.then(function(r){return r.json();}).then(function(res){report({fn:name,ok:!!res.ok,error:res.error,calls:res.calls,ui:res.ui,selection:res.selection});
if(res.ok){if(ok)ok(res.value,obj);}else{var e=new Error(res.error||'Lỗi không rõ');if(fail)fail(e,obj);}},
function(err){report({fn:name,ok:false,error:String(err)});if(fail)fail(err,obj);});};}});}
window.google={script:{run:runner(null,null,undefined),host:{close:function(){report({fn:'google.script.host.close',ok:true});},setHeight:function(){},setWidth:function(){},editor:{focus:function(){}}}}};
})();</script>`;
}

/** A built page with the shim placed before the page's own script. */
export function injectShim(page: string, shim: string): string {
  const at = page.indexOf('<script>');
  if (at < 0) throw new Error('built sidebar page has no <script>');
  return page.slice(0, at) + shim + '\n' + page.slice(at);
}

function pageLinks(prefix: string, b: PreviewBook): SafeHtml {
  const link = (page: SidebarPage, user: string, label: string) =>
    html`<li><a href="${`${prefix}/${page}?ss=${encodeURIComponent(b.spreadsheetId)}&user=${encodeURIComponent(user)}`}">${label}</a> <span class="muted">${user}</span></li>`;
  const items: SafeHtml[] = [];
  if (b.kind === 'control') {
    for (const admin of b.admins) items.push(link('admin', admin, 'Quản trị'));
  } else {
    if (b.homeroomTeacher) items.push(link('gvcn', b.homeroomTeacher, 'Giáo viên chủ nhiệm'));
    for (const t of b.teachers) items.push(link('gvbm', t.email, `Giáo viên bộ môn — ${t.subjects.join(', ')}`));
    if (b.homeroomTeacher) items.push(link('help', b.homeroomTeacher, 'Hướng dẫn'));
  }
  return html`<section class="book"><h2>${b.title}</h2><ul>${items}</ul></section>`;
}

const STYLE = `body{font:14px/1.5 system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1f2937;background:#f3f4f6}
header{background:#0b6e4f;color:#fff;padding:10px 16px}header a{color:#fff}h1{font-size:18px;margin:0}
main{padding:12px 16px;max-width:1100px}.book{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px 14px;margin:10px 0}
.book h2{font-size:15px;margin:4px 0}.muted{color:#6b7280;font-size:12px}ul{margin:4px 0;padding-left:18px}
.frame{display:flex;gap:14px;align-items:flex-start;padding:12px 16px}.frame iframe{width:300px;height:calc(100vh - 90px);border:1px solid #d1d5db;background:#fff;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.log{flex:1;background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px 12px;max-height:calc(100vh - 90px);overflow:auto;font-size:12.5px}
.log li{margin:3px 0}.bad{color:#b91c1c}.ok{color:#047857}`;

function shell(title: string, body: SafeHtml, script = ''): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${html`${title}`}</title><style>${STYLE}</style></head><body>${body.value}${script}</body></html>`;
}

/** Logs what each google.script.run call did (posted by the shim inside the iframe); text only. */
const FRAME_SCRIPT = `<script>(function(){var list=document.getElementById('log');
function line(cls,text){var d=document.createElement('div');d.className=cls;d.textContent=text;return d;}
window.addEventListener('message',function(ev){var d=ev.data;if(!d||!d.hosoPreview)return;var li=document.createElement('li');
var calls=d.calls?(' — '+d.calls.total+' lời gọi Apps Script'):'';li.className=d.ok?'ok':'bad';
li.appendChild(line('',new Date().toLocaleTimeString('vi-VN')+'  '+d.fn+(d.ok?' ✓':' ✗ '+(d.error||''))+calls));
var ui=d.ui||{};(ui.toasts||[]).forEach(function(t){li.appendChild(line('muted','Thông báo (toast): '+(t.title?t.title+' — ':'')+t.message));});
(ui.sidebars||[]).forEach(function(s){li.appendChild(line('muted','Mở thanh bên: '+s.title));});
(ui.alerts||[]).forEach(function(a){li.appendChild(line('muted','Hộp thoại: '+a.title+' '+a.prompt));});
if(d.fn==='gotoCell'&&d.selection)li.appendChild(line('muted','Ô được chọn trong bảng tính: '+d.selection));
list.insertBefore(li,list.firstChild);});})();</script>`;

export async function registerSidebarPreview(app: FastifyInstance, opts: SidebarPreviewOptions): Promise<void> {
  const prefix = (opts.prefix ?? '/sidebar-preview').replace(/\/+$/, '');
  let addon: LoadedAddon | undefined;
  const getAddon = async (): Promise<LoadedAddon> => {
    if (!addon) addon = await ensureBuiltAddon(opts.distDir);
    else if (opts.reload) addon = await loadAddon(addon.dir);
    return addon;
  };
  const sendHtml = (reply: FastifyReply, body: string) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  app.get(`${prefix}/`, async (_request, reply) => {
    const books = listPreviewBooks(opts.workspace);
    const body = html`<header><h1>Xem thử thanh bên Hồ sơ điện tử</h1><div class="muted" style="color:#d1fae5">Chạy bản build của add-on trên local workspace, thay mặt người dùng đã chọn.</div></header>
<main>${books.length === 0 ? html`<p>Chưa có sổ nào trong local workspace (chạy <code>hoso demo</code>).</p>` : books.map((b) => pageLinks(prefix, b))}</main>`;
    return sendHtml(reply, shell('Xem thử thanh bên', body));
  });
  app.get(prefix, async (_request, reply) => reply.redirect(`${prefix}/`));

  app.get<{ Params: { page: string }; Querystring: Record<string, string> }>(`${prefix}/page/:page`, async (request, reply) => {
    const page = request.params.page;
    if (!isSidebarPage(page)) return reply.code(404).send({ error: { code: 404, message: `Không có thanh bên "${page}"` } });
    const q = PageQuery.safeParse(request.query);
    if (!q.success) return reply.code(400).send({ error: { code: 400, message: 'Cần tham số ss (mã bảng tính) và user (email).' } });
    const built = (await getAddon()).pages.get(SIDEBAR_PAGES[page].file);
    if (!built) return reply.code(500).send({ error: { code: 500, message: 'Chưa build thanh bên (npm run build).' } });
    return sendHtml(reply, injectShim(built, shimScript(`${prefix}/run`, q.data.ss, q.data.user)));
  });

  app.get<{ Params: { page: string }; Querystring: Record<string, string> }>(`${prefix}/:page`, async (request, reply) => {
    const page = request.params.page;
    if (!isSidebarPage(page)) return reply.code(404).send({ error: { code: 404, message: `Không có thanh bên "${page}"` } });
    const q = PageQuery.safeParse(request.query);
    if (!q.success) return reply.code(400).send({ error: { code: 400, message: 'Cần tham số ss (mã bảng tính) và user (email).' } });
    const book = listPreviewBooks(opts.workspace).find((b) => b.spreadsheetId === q.data.ss);
    const src = `${prefix}/page/${page}?ss=${encodeURIComponent(q.data.ss)}&user=${encodeURIComponent(q.data.user)}`;
    const body = html`<header><h1>${SIDEBAR_PAGES[page].title} — ${book?.title ?? q.data.ss}</h1>
<div class="muted" style="color:#d1fae5">Người dùng: ${q.data.user} · <a href="${`${prefix}/`}">tất cả sổ</a></div></header>
<div class="frame"><iframe title="${SIDEBAR_PAGES[page].title}" src="${src}"></iframe>
<div class="log"><b>Nhật ký lời gọi google.script.run</b><ul id="log"></ul></div></div>`;
    return sendHtml(reply, shell(`${SIDEBAR_PAGES[page].title} — xem thử`, body, raw(FRAME_SCRIPT).value));
  });

  app.post(`${prefix}/run`, async (request, reply) => {
    const parsed = RunBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ ok: false, error: 'Yêu cầu không hợp lệ (cần ss, user, fn, args).' });
    const { ss, user, fn, args } = parsed.data;
    const serviceUrl = (opts.serviceUrl ?? `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`).replace(/\/+$/, '');
    await setScriptProperty(opts.workspace, user, SCRIPT_ID, 'HOSO_SERVICE_URL', serviceUrl);
    const result = await runAddonFunction(await getAddon(), {
      ...(opts.runtimeOptions ?? {}),
      workspace: opts.workspace,
      user,
      activeSpreadsheetId: ss,
      scriptId: SCRIPT_ID,
    }, fn, args, serviceFetch(app, serviceUrl));
    return reply.header('cache-control', 'no-store').send(result);
  });
}
