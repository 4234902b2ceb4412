/**
 * The portal's static parts, served from our own origin (the CSP allows
 * nothing else): the stylesheet, a small script that registers the service
 * worker, the web app manifest and icon (so "Add to Home screen" installs
 * it), and the service worker, which keeps the shell for an offline notice
 * and never stores a dealer's pages.
 */

export const PORTAL_CSS = `
:root { --ink:#1b1f23; --muted:#5b6470; --line:#dde2e7; --bg:#f5f7f6; --brand:#0f5132; --brand-2:#157347;
  --ok:#d1e7dd; --ok-ink:#0f5132; --wait:#fff3cd; --wait-ink:#664d03; --stop:#f8d7da; --stop-ink:#842029;
  --done:#e9ecef; --done-ink:#41464b; font-size:16px; }
* { box-sizing:border-box; }
body { margin:0; font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif; color:var(--ink);
  background:var(--bg); padding-bottom:4.5rem; }
main { max-width:44rem; margin:0 auto; padding:1rem; }
main.bare { padding-top:3rem; text-align:center; }
h1 { font-size:1.4rem; margin:.25rem 0 1rem; }
h2 { font-size:1.1rem; margin:1.5rem 0 .5rem; }
h3 { font-size:1rem; margin:1rem 0 .5rem; color:var(--muted); }
a { color:var(--brand-2); }
.top { display:flex; justify-content:space-between; align-items:center; gap:1rem; background:var(--brand); color:#fff;
  padding:.75rem 1rem; position:sticky; top:0; z-index:2; }
.top .who { display:flex; flex-direction:column; line-height:1.2; min-width:0; }
.top .who strong { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.top .who span { font-size:.8rem; opacity:.85; }
.top form { margin:0; flex:none; }
.top button.link { white-space:nowrap; }
button, .button { font:inherit; border:1px solid var(--line); background:#fff; color:var(--ink); border-radius:.6rem;
  padding:.6rem 1rem; min-height:2.75rem; cursor:pointer; text-decoration:none; display:inline-flex; align-items:center;
  justify-content:center; gap:.4rem; }
button.primary, .button.primary { background:var(--brand-2); border-color:var(--brand-2); color:#fff; font-weight:600; }
.big { width:100%; font-size:1.1rem; min-height:3.25rem; margin:.75rem 0; }
.small { min-height:2.25rem; padding:.3rem .75rem; font-size:.9rem; }
button.link { background:none; border:0; color:#fff; text-decoration:underline; min-height:auto; padding:.25rem; }
.card { background:#fff; border:1px solid var(--line); border-radius:.9rem; padding:1rem; margin:0 0 1rem; }
.big-figure { display:flex; justify-content:space-between; align-items:baseline; gap:1rem; flex-wrap:wrap; }
.big-figure strong { font-size:1.6rem; }
progress.meter { width:100%; height:.6rem; margin:.5rem 0; accent-color:var(--brand-2); }
progress.meter.near { accent-color:#b58105; }
progress.meter.over { accent-color:#b02a37; }
.figures { display:grid; grid-template-columns:repeat(auto-fit,minmax(9rem,1fr)); gap:.5rem; margin:.5rem 0 0; }
.figures div { background:var(--bg); border-radius:.5rem; padding:.5rem .6rem; }
.figures dt { font-size:.8rem; color:var(--muted); }
.figures dd { margin:0; font-weight:600; }
.figures .overdue { background:var(--stop); color:var(--stop-ink); }
.orders, .cart, .picks, .plain, .devices { list-style:none; margin:0; padding:0; }
.orders li { background:#fff; border:1px solid var(--line); border-radius:.9rem; margin:0 0 .6rem; padding:.75rem;
  display:flex; flex-direction:column; gap:.5rem; }
.order-link { color:inherit; text-decoration:none; display:flex; flex-direction:column; gap:.2rem; }
.row { display:flex; justify-content:space-between; align-items:center; gap:.5rem; flex-wrap:wrap; }
.items { color:var(--muted); font-size:.9rem; }
.badge { font-size:.8rem; border-radius:1rem; padding:.1rem .6rem; font-weight:600; white-space:nowrap; }
.badge.ok { background:var(--ok); color:var(--ok-ink); } .badge.wait { background:var(--wait); color:var(--wait-ink); }
.badge.stop { background:var(--stop); color:var(--stop-ink); } .badge.done { background:var(--done); color:var(--done-ink); }
.muted { color:var(--muted); }
.sku { display:block; font-size:.8rem; color:var(--muted); }
.note { background:var(--wait); color:var(--wait-ink); border-radius:.6rem; padding:.6rem .8rem; }
.warn { background:var(--stop); color:var(--stop-ink); border-radius:.6rem; padding:.6rem .8rem; }
.flash { background:var(--ok); color:var(--ok-ink); border-radius:.6rem; padding:.6rem .8rem; }
.offer { background:var(--ok); color:var(--ok-ink); border-radius:.6rem; padding:.6rem .8rem; font-weight:600; }
.timeline { list-style:none; margin:1rem 0; padding:0 0 0 1rem; border-left:3px solid var(--line); }
.timeline li { position:relative; padding:.2rem 0 .6rem .75rem; color:var(--muted); }
.timeline li::before { content:''; position:absolute; left:-1.55rem; top:.45rem; width:.8rem; height:.8rem;
  border-radius:50%; background:#fff; border:3px solid var(--line); }
.timeline li.done { color:var(--ink); font-weight:600; }
.timeline li.done::before { background:var(--brand-2); border-color:var(--brand-2); }
.timeline li .sku { font-weight:400; }
.nudge { background:#e7f1ff; color:#084298; border-radius:.6rem; padding:.6rem .8rem; font-weight:600; }
.saving { color:var(--ok-ink); font-weight:600; }
table.lines { width:100%; border-collapse:collapse; background:#fff; border-radius:.6rem; overflow:hidden; }
table.lines th, table.lines td { text-align:left; padding:.55rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
table.lines th { font-size:.8rem; color:var(--muted); font-weight:600; }
.num { text-align:right !important; white-space:nowrap; }
tr.total td { font-weight:700; border-bottom:0; }
tr.late td { color:var(--stop-ink); }
.cart li { display:flex; justify-content:space-between; align-items:center; gap:.75rem; background:#fff;
  border:1px solid var(--line); border-radius:.7rem; padding:.6rem .75rem; margin:0 0 .5rem; }
.cart label { flex:1; min-width:0; }
.qty { display:flex; align-items:center; gap:.35rem; }
.qty input { width:5.5rem; font:inherit; font-size:1.1rem; padding:.45rem; border:1px solid var(--line); border-radius:.5rem; text-align:right; }
.unit { color:var(--muted); font-size:.85rem; min-width:2.5rem; }
.search { display:flex; gap:.5rem; }
.search input { flex:1; min-width:0; font:inherit; padding:.6rem .75rem; border:1px solid var(--line); border-radius:.6rem; }
.picks { display:grid; gap:.5rem; grid-template-columns:repeat(auto-fill,minmax(15rem,1fr)); margin-top:.5rem; }
.pick { width:100%; flex-direction:column; align-items:flex-start; text-align:left; }
.devices li { display:flex; justify-content:space-between; align-items:center; gap:1rem; background:#fff;
  border:1px solid var(--line); border-radius:.7rem; padding:.6rem .75rem; margin-bottom:.5rem; }
.devices form { margin:0; }
.pager { display:flex; justify-content:space-between; }
.back { text-decoration:none; }
nav.tabs { position:fixed; bottom:0; left:0; right:0; display:flex; background:#fff; border-top:1px solid var(--line); z-index:2; }
nav.tabs a { flex:1; text-align:center; padding:.8rem .25rem; color:var(--muted); text-decoration:none; font-weight:600; font-size:.95rem; }
nav.tabs a.on { color:var(--brand); box-shadow:inset 0 3px 0 var(--brand); }
@media (min-width: 56rem) {
  body { padding-bottom:0; display:flex; flex-direction:column; min-height:100vh; }
  .top { order:0; } nav.tabs { order:1; } main { order:2; width:100%; }
  nav.tabs { position:sticky; top:3.6rem; width:100%; max-width:44rem; margin:0 auto; border:0; background:var(--bg); }
  nav.tabs a.on { box-shadow:inset 0 -3px 0 var(--brand); }
  .big { width:auto; min-width:16rem; }
}
`;

export const PORTAL_JS = `
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/portal/sw.js', { scope: '/portal/' }).catch(function () {});
}
`;

const OFFLINE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" /><title>Offline · Order portal</title>
<link rel="stylesheet" href="/portal/assets/portal.css" /></head>
<body><main class="bare"><h1>You are offline</h1>
<p>Your orders will show again when the phone is back online. You can still order on WhatsApp.</p>
</main></body></html>`;

/** Keeps the shell for an offline notice; a dealer's own pages are never stored. */
export const PORTAL_SERVICE_WORKER = `
const CACHE = 'orderdesk-portal-v1';
const SHELL = ['/portal/assets/portal.css', '/portal/icon.svg'];
const OFFLINE = ${JSON.stringify(OFFLINE_PAGE)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  if (req.mode === 'navigate') {
    event.respondWith(fetch(req).catch(() => new Response(OFFLINE, { headers: { 'Content-Type': 'text/html; charset=utf-8' } })));
    return;
  }
  if (SHELL.includes(new URL(req.url).pathname)) {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
  }
});
`;

export const PORTAL_MANIFEST = JSON.stringify({
  name: 'Order portal',
  short_name: 'Orders',
  description: 'Your orders, account and reorder in one place.',
  start_url: '/portal',
  scope: '/portal/',
  display: 'standalone',
  background_color: '#f5f7f6',
  theme_color: '#0f5132',
  icons: [
    { src: '/portal/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: '/portal/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
  ],
});

export const PORTAL_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="#0f5132"/>
<path d="M136 176h240l-24 168H160z" fill="none" stroke="#fff" stroke-width="32" stroke-linejoin="round"/>
<path d="M200 176v-24a56 56 0 0 1 112 0v24" fill="none" stroke="#fff" stroke-width="32" stroke-linecap="round"/>
<path d="M208 264l32 32 64-64" fill="none" stroke="#9fe0bd" stroke-width="32" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
