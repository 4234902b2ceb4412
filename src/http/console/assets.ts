/**
 * The console's stylesheet and script, served from this origin (the CSP
 * allows no inline script or style). Plain strings so tsx and dist/ serve
 * the same bytes.
 */

export const CONSOLE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
:root {
  --bg: #f4f6f8; --card: #fff; --ink: #17212b; --muted: #5b6b79; --line: #e1e6eb;
  --brand: #0b6e5f; --brand-ink: #fff; --brand-soft: #e3f3ef; --focus: #2f80ed;
  --ok: #137a3a; --ok-soft: #e5f5eb; --warn: #8a5a00; --warn-soft: #fff4d6;
  --bad: #b3261e; --bad-soft: #fdeceb; --info: #1f5fae; --info-soft: #e8f0fb;
  --radius: 10px;
}
html { font-size: 15px; }
body { margin: 0; font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--bg); }
a { color: var(--brand); }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; top: 8px; }
.top { display: flex; align-items: center; gap: 20px; padding: 0 20px; min-height: 56px;
  background: #10302b; color: #fff; flex-wrap: wrap; }
.brand { display: flex; align-items: center; gap: 10px; color: #fff; text-decoration: none; font-weight: 650; }
.logo { display: grid; place-items: center; width: 32px; height: 32px; border-radius: 8px;
  background: #25d366; color: #063; font-weight: 800; font-size: .85rem; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li + li { margin-top: 2px; }
.top nav ul { display: flex; gap: 2px; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
.top nav a { display: block; padding: 16px 10px; color: #cfe3de; text-decoration: none; border-bottom: 3px solid transparent; }
.top nav a:hover { color: #fff; }
.top nav a[aria-current="page"] { color: #fff; border-bottom-color: #25d366; font-weight: 600; }
.count { display: inline-block; min-width: 1.5em; padding: 0 6px; border-radius: 999px; background: #25d366;
  color: #063; font-size: .75rem; font-weight: 700; text-align: center; line-height: 1.5em; }
.who { margin-left: auto; display: flex; align-items: center; gap: 12px; font-size: .9rem; }
.who form { margin: 0; }
.role { color: #9fc4bb; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; outline: none; }
h1 { font-size: 1.45rem; margin: 0 0 4px; letter-spacing: -.01em; }
h2 { font-size: 1.05rem; margin: 0 0 12px; }
h3 { font-size: .95rem; margin: 16px 0 8px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.head { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; flex-wrap: wrap; margin-bottom: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 18px 20px; margin-bottom: 16px; }
.card.flush { padding: 0; overflow-x: auto; }
.card-head { padding: 16px 20px 6px; }
.card-head h2 { margin-bottom: 8px; }
.card-head .disabled-note { margin: 0 0 12px; }
.card > h2:first-child { margin-top: 0; }
table { width: 100%; border-collapse: collapse; font-size: .93rem; }
th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; background: #fafbfc; }
tr:last-child td { border-bottom: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr.row-link { cursor: pointer; }
tbody tr.row-link:hover, tbody tr.row-link:focus-within { background: #f3f8f7; }
tbody tr.new { animation: flash 2.5s ease-out; }
@keyframes flash { from { background: #fff6c9; } to { background: transparent; } }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: .78rem; font-weight: 600;
  background: #eef1f4; color: #384654; white-space: nowrap; text-transform: capitalize; }
.s-confirmed, .s-exported, .s-dispatched, .s-delivered, .b-ok { background: var(--ok-soft); color: var(--ok); }
.s-needs_review, .s-awaiting_confirmation, .b-warn { background: var(--warn-soft); color: var(--warn); }
.s-held_credit, .s-held_price { background: var(--info-soft); color: var(--info); }
.s-blocked, .s-rejected, .s-cancelled, .b-bad { background: var(--bad-soft); color: var(--bad); }
.flash { padding: 10px 14px; border-radius: 8px; margin: 0 0 16px; font-weight: 500; }
.flash.ok { background: var(--ok-soft); color: var(--ok); border: 1px solid #bfe3cc; }
.flash.error { background: var(--bad-soft); color: var(--bad); border: 1px solid #f3c4c0; }
button, .button { font: inherit; font-weight: 600; cursor: pointer; border: 1px solid transparent; border-radius: 8px;
  padding: 9px 16px; background: var(--brand); color: var(--brand-ink); text-decoration: none; display: inline-flex;
  align-items: center; gap: 6px; line-height: 1.2; }
button:hover, .button:hover { filter: brightness(.94); }
button.secondary, .button.secondary { background: #fff; color: var(--ink); border-color: #c9d2da; }
button.danger { background: var(--bad); }
button.ghost { background: transparent; color: inherit; border-color: rgba(255,255,255,.35); }
button.small { padding: 5px 10px; font-size: .85rem; }
button.link { background: none; border: 0; color: var(--brand); padding: 4px 6px; font-weight: 500; text-decoration: underline; }
button[disabled] { opacity: .5; cursor: not-allowed; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
label { font-weight: 600; font-size: .88rem; display: block; margin-bottom: 4px; }
input[type=text], input[type=email], input[type=password], input[type=number], input[type=date], input[type=search], select, textarea {
  font: inherit; width: 100%; padding: 8px 10px; border: 1px solid #c3ccd5; border-radius: 8px; background: #fff; color: var(--ink); }
textarea { min-height: 70px; resize: vertical; }
input[type=number] { max-width: 110px; }
.field { margin-bottom: 12px; }
.check { display: flex; gap: 8px; align-items: flex-start; font-weight: 500; }
.check input { margin-top: 3px; }
fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
legend { font-weight: 600; font-size: .88rem; padding: 0 4px; }
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; align-items: end; }
.split { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); gap: 16px; align-items: start; }
.split.even { grid-template-columns: 1fr 1fr; }
.raw { white-space: pre-wrap; overflow-wrap: anywhere; background: #f8faf9; border: 1px solid var(--line);
  border-radius: 8px; padding: 12px 14px; margin: 0; font: .95rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; max-height: 420px; overflow: auto; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0 0 12px; font-size: .92rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 16px; }
.stat { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 16px; }
.stat .k { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
.stat .v { font-size: 1.25rem; font-weight: 650; font-variant-numeric: tabular-nums; margin-top: 2px; }
.stat.bad .v { color: var(--bad); }
.reasons { margin: 0; padding-left: 18px; }
form.inline { display: inline; margin-left: 6px; }
.accounting { margin: 0 0 8px; padding-left: 22px; line-height: 2; }
.chip { display: inline-block; padding: 0 6px; margin: 0 3px 3px 0; border-radius: 4px; border: 1px solid #d5dde4;
  background: #f6f8fa; font-size: .85rem; }
.chip.r-product { background: var(--ok-soft); border-color: #bfe3cc; }
.chip.r-quantity, .chip.r-unit { background: var(--info-soft); border-color: #c3d5f2; font-weight: 600; }
.chip.r-size { background: #eef4e8; }
.chip.r-dealer { background: #f4ecf7; border-color: #e0cdea; }
.chip.r-reference { background: #fff6e0; border-color: #efdca5; }
.reasons li { margin-bottom: 4px; }
.lines td { vertical-align: middle; }
.lines .src { font-size: .82rem; color: var(--muted); margin-top: 4px; }
.picks { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.picks button { background: var(--brand-soft); color: var(--brand); border-color: #b9ddd4; padding: 3px 10px; font-size: .82rem; font-weight: 600; }
.actions { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-top: 14px; }
.kbd, kbd { font: .78rem ui-monospace, monospace; border: 1px solid #c9d2da; border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; background: #fff; color: var(--ink); }
.hint { font-size: .85rem; color: var(--muted); }
.empty { text-align: center; color: var(--muted); padding: 40px 20px; }
.empty strong { display: block; color: var(--ink); font-size: 1.05rem; margin-bottom: 4px; }
.timeline { list-style: none; margin: 0; padding: 0; }
.timeline li { position: relative; padding: 0 0 14px 20px; border-left: 2px solid var(--line); margin-left: 6px; }
.timeline li::before { content: ""; position: absolute; left: -7px; top: 4px; width: 12px; height: 12px; border-radius: 50%; background: #fff; border: 2px solid var(--brand); }
.timeline .t { font-size: .8rem; color: var(--muted); }
.bubbles { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.bubble { max-width: 85%; padding: 8px 12px; border-radius: 10px; overflow-wrap: anywhere; font-size: .92rem; }
.bubble .text { display: block; white-space: pre-wrap; }
.bubble.in { align-self: flex-end; background: #d9fdd3; }
.bubble.out { align-self: flex-start; background: #f0f2f5; }
.bubble .meta { display: block; font-size: .72rem; color: var(--muted); margin-top: 4px; }
.qr { background: #fff; padding: 12px; border: 1px solid var(--line); border-radius: 8px; width: 264px; height: 264px; }
.disabled-note { background: var(--warn-soft); color: var(--warn); padding: 8px 12px; border-radius: 8px; font-size: .88rem; }
.inline-form { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; }
.inline-form .field { margin: 0; flex: 1 1 160px; }
.inline-form button { flex: none; }
td .inline-form { min-width: 300px; flex-wrap: nowrap; }
td.sla-warn { color: #8a5a00; background: #fff3cd; font-weight: 600; }
td.sla-late { color: #842029; background: #f8d7da; font-weight: 600; }
.pick-cell { width: 36px; }
.padded { padding: 16px; }
.claimed { color: #5b3fa8; font-weight: 600; }
.bulk { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; padding: 12px 16px; border-top: 1px solid var(--line, #e3e6ea); }
.bulk input { flex: 1 1 280px; }
.pager { display: flex; gap: 16px; align-items: center; justify-content: space-between; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
[hidden] { display: none !important; }
#help { position: fixed; right: 20px; bottom: 20px; max-width: 320px; z-index: 5; box-shadow: 0 8px 30px rgba(0,0,0,.15); }
body.bare { display: grid; place-items: center; min-height: 100vh; background: linear-gradient(160deg, #10302b 0%, #0b6e5f 100%); }
body.bare main { width: 100%; max-width: 400px; padding: 20px; }
.login { background: #fff; border-radius: 14px; padding: 28px 28px 22px; box-shadow: 0 20px 60px rgba(0,0,0,.25); }
.login .brand { color: var(--ink); margin-bottom: 18px; }
.login h1 { font-size: 1.25rem; margin-bottom: 16px; }
.login button[type=submit] { width: 100%; justify-content: center; padding: 11px; margin-top: 6px; }
@media (max-width: 900px) {
  .split, .split.even { grid-template-columns: 1fr; }
  .top { gap: 8px 14px; padding: 0 12px; }
  .top nav a { padding: 12px 8px; }
  .who { margin-left: 0; width: 100%; justify-content: space-between; padding-bottom: 8px; }
  main { padding: 16px 12px 40px; }
  th, td { padding: 8px; }
  .hide-narrow { display: none; }
  /* a decision's note and buttons wrap rather than run past the card (Reject was cut off) */
  td .inline-form { min-width: 0; flex-wrap: wrap; }
}
`;

export const CONSOLE_JS = String.raw`'use strict';
(function () {
  var body = document.body;
  var POLL = Number(body.getAttribute('data-poll-ms')) || 3000;
  var CSRF = body.getAttribute('data-csrf') || '';
  var PAGE = body.getAttribute('data-page') || '';
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (r) {
      if (r.status === 401) { location.href = '/console/login?expired=1&next=' + encodeURIComponent(location.pathname + location.search); throw new Error('signed out'); }
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  }

  // ---- live counts in the nav, and the review queue itself
  var known = null;
  function renderCounts(c) {
    $all('[data-count]').forEach(function (span) {
      var k = span.getAttribute('data-count');
      var n = k === 'approvals' ? (c.credit || 0) + (c.price || 0) : (c[k] || 0);
      span.textContent = String(n);
      span.hidden = n === 0;
    });
  }
  function renderQueue(items) {
    var tbody = $('#queue-body');
    if (!tbody) return;
    var ids = items.map(function (i) { return i.kind + ':' + i.id + ':' + (i.claimedById || '') + ':' + i.sla; });
    var fresh = known === null ? [] : ids.filter(function (id) { return known.indexOf(id) < 0; });
    if (known !== null && ids.join() === known.join()) return;
    var focused = document.activeElement && document.activeElement.closest('tr') ? document.activeElement.closest('tr').getAttribute('data-key') : null;
    var checked = $all('#queue-body input[name=key]:checked').map(function (c) { return c.value; });
    var me = body.getAttribute('data-user-id') || '';
    tbody.textContent = '';
    items.forEach(function (i, n) {
      var key = i.kind + ':' + i.id;
      var tr = el('tr', { 'class': 'row-link' + (fresh.indexOf(ids[n]) >= 0 ? ' new' : ''), 'data-key': key });
      var td0 = el('td', { 'class': 'pick-cell' });
      var box = el('input', { type: 'checkbox', name: 'key', value: key, 'aria-label': 'Select ' + i.title });
      if (checked.indexOf(key) >= 0) box.checked = true;
      td0.appendChild(box);
      tr.appendChild(td0);
      var td1 = el('td');
      var a = el('a', { href: i.href, 'class': 'open' }, i.title);
      td1.appendChild(a);
      td1.appendChild(el('div', { 'class': 'small muted' }, i.who));
      var td2 = el('td'); td2.appendChild(el('div', {}, i.reason)); td2.appendChild(el('div', { 'class': 'small muted' }, i.preview));
      tr.appendChild(td1); tr.appendChild(td2);
      tr.appendChild(el('td', { 'class': 'hide-narrow' }, i.channel));
      tr.appendChild(el('td', { 'class': 'num sla-' + i.sla }, i.age));
      var td5 = el('td', { 'class': 'claim' });
      if (!i.claimedBy) {
        td5.appendChild(el('button', { 'class': 'small secondary', formaction: '/console/review/claim', name: 'claim', value: key }, "I'm on this"));
      } else if (i.claimedById === me) {
        td5.appendChild(el('span', { 'class': 'small' }, 'You are on this'));
        td5.appendChild(el('button', { 'class': 'link', formaction: '/console/review/unclaim', name: 'claim', value: key }, 'Let go'));
      } else {
        td5.appendChild(el('span', { 'class': 'small claimed' }, i.claimedBy + ' is on this'));
      }
      tr.appendChild(td5);
      tbody.appendChild(tr);
      if (focused === key) a.focus();
    });
    $('#queue-empty').hidden = items.length > 0;
    $('#queue-table').hidden = items.length === 0;
    if (fresh.length > 0) $('#live').textContent = fresh.length + ' new item' + (fresh.length > 1 ? 's' : '') + ' in the review queue';
    known = ids;
  }
  function poll() {
    var url = PAGE === 'review' ? '/console/api/review-queue' + location.search : '/console/api/counts';
    getJson(url).then(function (data) {
      renderCounts(data.counts || data);
      if (data.items) renderQueue(data.items);
    }).catch(function () {}).then(function () { setTimeout(poll, document.hidden ? POLL * 4 : POLL); });
  }
  if ($('[data-count]')) poll();

  // rows: click anywhere opens the row's link
  document.addEventListener('click', function (e) {
    var tr = e.target.closest && e.target.closest('tr.row-link');
    if (!tr || e.target.closest('a, button, input, select, textarea')) return;
    var a = $('a.open', tr);
    if (a) a.click();
  });

  // ---- autocomplete over products and dealers (native datalist, keyboard-friendly)
  var timers = {};
  function wireSearch(input, url, listId, format) {
    input.setAttribute('list', listId);
    input.addEventListener('input', function () {
      clearTimeout(timers[listId]);
      var q = input.value;
      if (q.indexOf(' — ') > 0) return;
      timers[listId] = setTimeout(function () {
        getJson(url + encodeURIComponent(q)).then(function (data) {
          var list = document.getElementById(listId);
          list.textContent = '';
          (data.results || []).forEach(function (r) { list.appendChild(el('option', { value: format(r) })); });
        }).catch(function () {});
      }, 120);
    });
  }
  function wireAll(root) {
    $all('[data-product-search]', root).forEach(function (input) {
      if (input.getAttribute('data-wired')) return;
      input.setAttribute('data-wired', '1');
      wireSearch(input, '/console/api/products?q=', 'product-options', function (p) { return p.sku + ' — ' + p.name; });
    });
    $all('[data-dealer-search]', root).forEach(function (input) {
      if (input.getAttribute('data-wired')) return;
      input.setAttribute('data-wired', '1');
      wireSearch(input, '/console/api/dealers?q=', 'dealer-options', function (d) { return d.code + ' — ' + d.name; });
    });
  }
  wireAll(document);

  // a .txt transcript is read into its textarea, so the form stays a plain POST
  $all('[data-fill-textarea]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.getAttribute('data-fill-textarea'));
      if (!file || !target) return;
      file.text().then(function (text) {
        target.value = text;
        target.focus();
      });
    });
  });

  // candidate chips fill the line's product box
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-fill]');
    if (!b) return;
    e.preventDefault();
    var target = document.getElementById(b.getAttribute('data-fill'));
    if (target) { target.value = b.getAttribute('data-value'); target.focus(); }
  });

  // add / remove lines
  var addBtn = $('#add-line');
  if (addBtn) {
    addBtn.hidden = false;
    addBtn.addEventListener('click', function () {
      var tpl = $('#line-template');
      var tbody = $('#draft-lines');
      var n = $all('tr', tbody).length + 1;
      var row = tpl.content.firstElementChild.cloneNode(true);
      $all('[id]', row).forEach(function (x) { x.id = x.id.replace('__N__', String(n)); });
      $all('label[for]', row).forEach(function (x) { x.setAttribute('for', x.getAttribute('for').replace('__N__', String(n))); });
      tbody.appendChild(row);
      wireAll(row);
      var input = $('[data-product-search]', row);
      if (input) input.focus();
    });
  }
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-remove-line]');
    if (!b) return;
    var tr = b.closest('tr');
    var next = tr.nextElementSibling || tr.previousElementSibling;
    tr.parentNode.removeChild(tr);
    var f = next && $('input', next);
    if (f) f.focus(); else if ($('#add-line')) $('#add-line').focus();
  });

  // ---- keyboard
  function rows() { return $all('#queue-body a.open'); }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.closest && e.target.closest('#approve-form')) {
      e.preventDefault(); $('#approve-form').requestSubmit(); return;
    }
    if (typing(e) || e.altKey || e.ctrlKey || e.metaKey) return;
    var list = rows();
    var i = list.indexOf(document.activeElement);
    if ((e.key === 'j' || e.key === 'ArrowDown') && list.length) { e.preventDefault(); list[Math.min(i + 1, list.length - 1)].focus(); }
    else if ((e.key === 'k' || e.key === 'ArrowUp') && list.length) { e.preventDefault(); list[Math.max(i - 1, 0)].focus(); }
    else if (e.key === 'a' && $('#approve-form')) { e.preventDefault(); $('#approve-form').requestSubmit(); }
    else if (e.key === 'r' && $('#reject-note')) { e.preventDefault(); $('#reject-note').focus(); }
    else if (e.key === '/' && $('[data-product-search]')) { e.preventDefault(); $('[data-product-search]').focus(); }
    else if (e.key === 'n' && $('a[data-next]')) { e.preventDefault(); $('a[data-next]').click(); }
    else if (e.key === '?') { var h = $('#help'); if (h) { h.hidden = !h.hidden; } }
    else if (e.key === 'Escape') { var h2 = $('#help'); if (h2) h2.hidden = true; }
  });
  if (PAGE === 'review' && rows().length && !location.hash) { /* first row reachable with j */ }
  void CSRF;
})();
`;
