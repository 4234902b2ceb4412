/**
 * The web chat page: pick a dealer and chat with Order Desk the way the
 * dealer would on WhatsApp. Plain HTML, CSS and JS served by the app (no
 * build step, no CDN). It talks to the public API with a bearer token the
 * user enters once; the token is kept in sessionStorage (this tab only).
 * The ops console with a real login comes in a later issue.
 *
 * The browser code is kept in plain strings so it is served identically
 * under tsx and from dist/; the e2e test (test/e2e/webchat.test.ts) drives it.
 */

export const CHAT_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Order Desk · Web chat</title>
<link rel="stylesheet" href="/chat/chat.css">
<script src="/chat/chat.js" defer></script>
</head>
<body>
<div class="app">
  <header class="bar">
    <div class="bar-title">
      <span class="logo" aria-hidden="true">OD</span>
      <div>
        <h1>Order Desk</h1>
        <p id="subtitle" class="subtitle">Web chat</p>
      </div>
    </div>
    <div class="bar-actions">
      <button type="button" id="change-dealer" class="link" hidden>Change dealer</button>
      <button type="button" id="forget-token" class="link" hidden>Forget token</button>
    </div>
  </header>

  <main>
    <section id="token-panel" class="panel" hidden aria-labelledby="token-heading">
      <h2 id="token-heading">Enter the API token</h2>
      <p>The web chat uses the Order Desk API. Paste the token that <code>npm start -- --demo</code>
        printed (or your <code>ORDERDESK_API_TOKEN</code>).</p>
      <form id="token-form">
        <label for="token-input">API token</label>
        <input id="token-input" name="token" type="password" autocomplete="off" required>
        <button type="submit">Continue</button>
      </form>
      <p class="note">The token is kept in this browser tab only (sessionStorage) and is forgotten
        when the tab closes. The ops console with a proper login comes in a later release.</p>
      <p id="token-error" class="error" role="alert" hidden></p>
    </section>

    <section id="dealer-panel" class="panel" hidden aria-labelledby="dealer-heading">
      <h2 id="dealer-heading">Chat as a dealer</h2>
      <p>Pick the dealer whose messages you want to send. Replies appear as they would on WhatsApp.</p>
      <form id="dealer-form">
        <label for="dealer-input">Dealer</label>
        <input id="dealer-input" name="dealer" list="dealer-list" autocomplete="off"
          placeholder="Code or name, e.g. D101" required>
        <datalist id="dealer-list"></datalist>
        <button type="submit">Start chat</button>
      </form>
      <p id="dealer-error" class="error" role="alert" hidden></p>
    </section>

    <section id="chat-panel" class="chat" hidden aria-label="Conversation">
      <div id="credit" class="credit" aria-live="polite"></div>
      <ol id="messages" class="messages" aria-live="polite"></ol>
      <p id="chat-status" class="status" role="status"></p>
      <form id="composer" class="composer">
        <label for="message-input" class="visually-hidden">Message</label>
        <textarea id="message-input" name="text" rows="1" placeholder="Type an order or a question"
          required></textarea>
        <button type="submit" id="send-button" aria-label="Send message">Send</button>
      </form>
    </section>
  </main>
</div>
</body>
</html>
`;

export const CHAT_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1f2a30; background: #dfe7e3;
}
.app { display: flex; flex-direction: column; height: 100%; max-width: 820px; margin: 0 auto;
  background: #efeae2; box-shadow: 0 0 24px rgba(0,0,0,.08); }
.bar { display: flex; align-items: center; justify-content: space-between; gap: 12px;
  padding: 10px 16px; background: #075e54; color: #fff; }
.bar-title { display: flex; align-items: center; gap: 12px; min-width: 0; flex: 1 1 auto; }
.bar-title > div { min-width: 0; }
.logo { display: grid; place-items: center; width: 40px; height: 40px; border-radius: 50%;
  background: #25d366; color: #063; font-weight: 700; flex: none; }
h1 { font-size: 1.1rem; margin: 0; }
.subtitle { margin: 0; font-size: .85rem; opacity: .85; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.bar-actions { display: flex; gap: 8px; flex: none; justify-content: flex-end; }
button { font: inherit; cursor: pointer; border: 0; border-radius: 8px; padding: 10px 16px;
  background: #128c7e; color: #fff; }
button:hover { background: #0f7a6e; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #34b7f1; outline-offset: 2px; }
button.link { background: transparent; color: #fff; padding: 6px 8px; text-decoration: underline; font-size: .9rem; }
main { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.panel { margin: 24px 16px; padding: 20px; background: #fff; border-radius: 12px;
  box-shadow: 0 1px 2px rgba(0,0,0,.1); }
.panel h2 { margin-top: 0; font-size: 1.2rem; }
.panel form { display: grid; grid-template-columns: 1fr auto; gap: 8px 12px; align-items: end; }
.panel label { grid-column: 1 / -1; font-weight: 600; }
.panel input { width: 100%; font: inherit; padding: 10px 12px; border: 1px solid #b8c4c2; border-radius: 8px; }
.note { font-size: .85rem; color: #53636a; }
.error { color: #b3261e; font-weight: 600; }
code { background: #f1f3f4; padding: 1px 4px; border-radius: 4px; }
.chat { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.credit { padding: 6px 16px; font-size: .85rem; background: #fff8d6; color: #5b4a00; text-align: center; }
.credit:empty { display: none; }
.messages { flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 16px 12px;
  display: flex; flex-direction: column; gap: 6px; }
.msg { max-width: min(78%, 560px); padding: 8px 10px 6px; border-radius: 10px;
  box-shadow: 0 1px 1px rgba(0,0,0,.12); white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.in { align-self: flex-end; background: #d9fdd3; border-top-right-radius: 2px; }
.msg.out { align-self: flex-start; background: #fff; border-top-left-radius: 2px; }
.msg.pending { opacity: .6; }
.msg time, .msg .meta { display: block; text-align: right; font-size: .72rem; color: #667781; margin-top: 2px; }
.empty { align-self: center; color: #53636a; background: #fff; padding: 6px 12px; border-radius: 8px; font-size: .9rem; }
.status { margin: 0; padding: 0 16px; min-height: 1.2em; font-size: .85rem; color: #53636a; }
.status.error { color: #b3261e; }
.composer { display: flex; gap: 8px; padding: 10px 12px; background: #f0f2f5; align-items: flex-end; }
.composer textarea { flex: 1; font: inherit; resize: none; max-height: 160px; padding: 10px 14px;
  border: 1px solid #d1d7db; border-radius: 20px; }
.composer button { border-radius: 20px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
[hidden] { display: none !important; }
@media (max-width: 480px) {
  .panel { margin: 12px 8px; padding: 16px; }
  .panel form { grid-template-columns: 1fr; }
  .msg { max-width: 88%; }
  h1 { font-size: 1rem; }
  .bar { padding: 8px 10px; gap: 8px; }
  .bar-actions { flex-direction: column; align-items: flex-end; gap: 0; }
  button.link { padding: 2px 4px; font-size: .8rem; }
}
`;

/** Placeholders replaced when served: the poll interval. */
export function chatScript(pollMs: number): string {
  return CHAT_JS.replace('__POLL_MS__', String(Math.max(250, Math.round(pollMs))));
}

const CHAT_JS = String.raw`'use strict';
(function () {
  var POLL_MS = __POLL_MS__;
  var TOKEN_KEY = 'orderdesk.apiToken';
  var DEALER_KEY = 'orderdesk.webchatDealer';
  var $ = function (id) { return document.getElementById(id); };
  var state = { token: sessionStorage.getItem(TOKEN_KEY), dealer: null, timer: null,
    pending: [], messages: [], lastRendered: '', polling: false, failures: 0 };

  function api(path, options) {
    options = options || {};
    var headers = { Authorization: 'Bearer ' + state.token };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: options.method || 'GET', headers: headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body) })
      .then(function (res) {
        return res.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
          if (!res.ok) {
            var err = new Error(data && data.error ? data.error.message : 'HTTP ' + res.status);
            err.status = res.status;
            throw err;
          }
          return data;
        });
      });
  }

  function show(panel) {
    ['token-panel', 'dealer-panel', 'chat-panel'].forEach(function (id) { $(id).hidden = id !== panel; });
    $('change-dealer').hidden = panel !== 'chat-panel';
    $('forget-token').hidden = panel === 'token-panel';
  }

  function setError(id, message) {
    var el = $(id);
    el.textContent = message || '';
    el.hidden = !message;
  }

  function askToken(message) {
    stopPolling();
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $('subtitle').textContent = 'Web chat';
    show('token-panel');
    setError('token-error', message);
    $('token-input').focus();
  }

  function handleAuth(err) {
    if (err && err.status === 401) { askToken('That token was not accepted. Enter it again.'); return true; }
    return false;
  }

  function money(text) {
    return text === null || text === undefined ? 'no limit' : Number(text).toLocaleString('en-IN',
      { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function formatTime(iso) {
    var d = new Date(iso);
    var now = new Date();
    var opts = { hour: '2-digit', minute: '2-digit' };
    return d.toDateString() === now.toDateString() ? d.toLocaleTimeString([], opts)
      : d.toLocaleDateString([], { day: 'numeric', month: 'short' }) + ' ' + d.toLocaleTimeString([], opts);
  }

  function chooseDealer(code) {
    return api('/api/dealers/' + encodeURIComponent(code) + '/credit').then(function (credit) {
      state.dealer = code;
      sessionStorage.setItem(DEALER_KEY, code);
      state.pending = [];
      state.messages = [];
      state.lastRendered = '';
      $('messages').textContent = '';
      $('subtitle').textContent = 'Chatting as ' + code;
      renderCredit(credit);
      show('chat-panel');
      setStatus('');
      $('message-input').focus();
      return api('/api/dealers?q=' + encodeURIComponent(code) + '&limit=5').then(function (found) {
        var match = (found.dealers || []).filter(function (d) { return d.code === code; })[0];
        if (match) $('subtitle').textContent = match.name + ' (' + code + ')';
      }, function () {}).then(function () { startPolling(); });
    });
  }

  function renderCredit(credit) {
    if (!credit) { $('credit').textContent = ''; return; }
    $('credit').textContent = credit.limit === null
      ? 'Outstanding ' + money(credit.outstanding) + ' · no credit limit'
      : 'Credit available ' + money(credit.available) + ' of ' + money(credit.limit);
  }

  function setStatus(message, isError) {
    var el = $('chat-status');
    el.textContent = message || '';
    el.className = 'status' + (isError ? ' error' : '');
  }

  function render(messages) {
    var key = JSON.stringify(messages) + '|' + state.pending.length;
    if (key === state.lastRendered) return;
    var list = $('messages');
    var nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    var hadReplies = state.lastRendered !== '';
    state.lastRendered = key;
    state.messages = messages;
    list.textContent = '';
    if (messages.length === 0 && state.pending.length === 0) {
      var empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'No messages yet. Type an order below, e.g. "2 bucket interior white 20L".';
      list.appendChild(empty);
    }
    messages.forEach(function (m) { list.appendChild(bubble(m.direction, m.text, formatTime(m.at))); });
    state.pending.forEach(function (p) { list.appendChild(bubble('in pending', p.text, 'sending…')); });
    if (nearBottom || !hadReplies) list.scrollTop = list.scrollHeight;
  }

  function bubble(kind, text, meta) {
    var li = document.createElement('li');
    li.className = 'msg ' + kind;
    li.setAttribute('data-direction', kind.split(' ')[0]);
    var body = document.createElement('div');
    body.className = 'text';
    body.textContent = text;
    var small = document.createElement('span');
    small.className = 'meta';
    small.textContent = meta;
    li.appendChild(body);
    li.appendChild(small);
    return li;
  }

  function poll() {
    if (!state.dealer || state.polling) return;
    state.polling = true;
    var dealer = state.dealer;
    api('/api/webchat/messages?dealer=' + encodeURIComponent(dealer)).then(function (data) {
      if (dealer !== state.dealer) return;
      var messages = data.messages || [];
      var before = state.lastRendered;
      // A sent message shows as pending until the server lists it.
      var inCount = messages.filter(function (m) { return m.direction === 'in'; }).length;
      state.pending = state.pending.filter(function (p) { return p.afterIn >= inCount; });
      render(messages);
      if (before !== state.lastRendered && messages.length > 0 &&
          messages[messages.length - 1].direction === 'out') refreshCredit();
      state.failures = 0;
      setStatus('');
    }, function (err) {
      if (handleAuth(err)) return;
      state.failures += 1;
      setStatus('Cannot reach Order Desk (' + err.message + '); retrying…', true);
    }).then(function () {
      state.polling = false;
      schedule();
    });
  }

  function refreshCredit() {
    if (!state.dealer) return;
    api('/api/dealers/' + encodeURIComponent(state.dealer) + '/credit').then(renderCredit, function () {});
  }

  function schedule() {
    clearTimeout(state.timer);
    if (!state.dealer) return;
    var delay = document.hidden ? POLL_MS * 5 : POLL_MS * Math.min(1 + state.failures, 10);
    state.timer = setTimeout(poll, delay);
  }

  function startPolling() { clearTimeout(state.timer); poll(); }
  function stopPolling() { clearTimeout(state.timer); state.dealer = null; }

  function send(text) {
    var dealer = state.dealer;
    var inCount = document.querySelectorAll('#messages .msg.in:not(.pending)').length;
    var entry = { text: text, afterIn: inCount + state.pending.length };
    state.pending.push(entry);
    render(state.messages);
    $('messages').scrollTop = $('messages').scrollHeight;
    return api('/api/webchat/messages', { method: 'POST', body: { dealer: dealer, text: text } })
      .then(function () { startPolling(); }, function (err) {
        state.pending = state.pending.filter(function (p) { return p !== entry; });
        state.lastRendered = '';
        if (handleAuth(err)) return;
        setStatus('Not sent: ' + err.message, true);
        $('message-input').value = text;
        poll();
      });
  }

  var searchTimer = null;
  function searchDealers(q) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      api('/api/dealers?limit=50&q=' + encodeURIComponent(q)).then(function (data) {
        var list = $('dealer-list');
        list.textContent = '';
        (data.dealers || []).forEach(function (d) {
          var opt = document.createElement('option');
          opt.value = d.code;
          opt.label = d.name;
          opt.textContent = d.name;
          list.appendChild(opt);
        });
      }, function (err) { handleAuth(err); });
    }, 150);
  }

  function openDealerPicker() {
    stopPolling();
    $('subtitle').textContent = 'Web chat';
    show('dealer-panel');
    setError('dealer-error', '');
    searchDealers('');
    $('dealer-input').focus();
  }

  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var token = $('token-input').value.trim();
    if (!token) return;
    state.token = token;
    api('/api/dealers?limit=1').then(function () {
      sessionStorage.setItem(TOKEN_KEY, token);
      $('token-input').value = '';
      setError('token-error', '');
      openDealerPicker();
    }, function (err) {
      if (err.status === 401) askToken('That token was not accepted. Check it and try again.');
      else setError('token-error', 'Cannot reach Order Desk: ' + err.message);
    });
  });

  $('dealer-input').addEventListener('input', function (e) { searchDealers(e.target.value); });

  $('dealer-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var raw = $('dealer-input').value.trim();
    var code = raw.split(/\s+[—-]\s+/)[0];
    if (!code) return;
    setError('dealer-error', '');
    chooseDealer(code).catch(function (err) {
      if (handleAuth(err)) return;
      setError('dealer-error', err.status === 404 ? 'No dealer with code "' + code + '".' : err.message);
    });
  });

  $('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = $('message-input');
    var text = input.value;
    if (!text.trim()) return;
    input.value = '';
    autoGrow(input);
    setStatus('');
    send(text);
  });

  $('message-input').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });

  function autoGrow(el) { el.style.height = 'auto'; el.style.height = Math.min(el.scrollHeight, 160) + 'px'; }
  $('message-input').addEventListener('input', function (e) { autoGrow(e.target); });

  $('change-dealer').addEventListener('click', openDealerPicker);
  $('forget-token').addEventListener('click', function () { askToken(''); });
  document.addEventListener('visibilitychange', function () { if (!document.hidden && state.dealer) startPolling(); });

  if (!state.token) { askToken(''); return; }
  var remembered = sessionStorage.getItem(DEALER_KEY);
  if (remembered) {
    chooseDealer(remembered).catch(function (err) { if (!handleAuth(err)) openDealerPicker(); });
  } else {
    openDealerPicker();
  }
})();
`;
