/**
 * Settings (admins): console users and roles, API tokens (shown once when
 * made), and each sales manager's discount authority. Pure presenter.
 */
import { API_TOKEN_ROLES, USER_ROLES, type User } from '../../../db/schema.js';
import { MIN_PASSWORD_LENGTH } from '../../../services/users.js';
import { html, raw, when, type SafeHtml } from '../html.js';
import { ROLE_LABELS } from '../roles.js';

export interface SettingsInput {
  csrf: string;
  users: Pick<User, 'id' | 'email' | 'name' | 'role' | 'active' | 'last_login_at'>[];
  tokens: {
    id: string;
    name: string;
    role: string;
    created_at: Date;
    expires_at: Date | null;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }[];
  /** principal → basis points. */
  authorities: ReadonlyMap<string, number>;
  /** A token just made: shown this once. */
  newToken: { name: string; token: string } | null;
  /** Each channel's rollout for every dealer. */
  channels: { channel: string; rollout: string }[];
  /** What a dealer gets when an import first creates it. */
  defaults: { creditPolicy: string; overdueDays: number | null };
}

const CHANNEL_NAMES: Record<string, string> = {
  whatsapp: 'WhatsApp',
  email: 'Email',
  webchat: 'Web chat',
  transcript: 'Phone transcripts',
};

const option = (value: string, label: string, current: string) =>
  html`<option value="${value}" ${value === current ? raw('selected') : ''}>${label}</option>`;

export function settingsBody(input: SettingsInput): SafeHtml {
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrf}" />`;
  return html`<div class="head">
      <div>
        <h1>Settings</h1>
        <p class="sub">Users, API tokens and discount authority. Every change is audited.</p>
      </div>
    </div>
    ${
      input.newToken
        ? html`<section class="card" role="alert" aria-labelledby="newtok-h">
            <h2 id="newtok-h">Token “${input.newToken.name}” made</h2>
            <p>Copy it now: only its fingerprint is kept, it cannot be shown again.</p>
            <p><code class="mono" data-new-token>${input.newToken.token}</code></p>
          </section>`
        : ''
    }
    <section class="card flush" aria-labelledby="users-h">
      <div class="card-head"><h2 id="users-h">Users</h2></div>
      <table>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          ${input.users.map(
            (u) =>
              html`<tr>
                <td>
                  ${u.name}
                  <div class="small muted">${u.email}</div>
                </td>
                <td>
                  <form
                    method="post"
                    action="/console/settings/users/${u.id}/role"
                    class="inline-form"
                  >
                    ${csrf}
                    <label for="role-${u.id}" class="visually-hidden">Role of ${u.email}</label>
                    <select id="role-${u.id}" name="role">
                      ${USER_ROLES.map((r) => option(r, ROLE_LABELS[r], u.role))}
                    </select>
                    <button class="small secondary">Save</button>
                  </form>
                  ${
                    u.role === 'sales_manager'
                      ? html`<form
                          method="post"
                          action="/console/settings/authority"
                          class="inline-form"
                        >
                          ${csrf}
                          <input type="hidden" name="email" value="${u.email}" />
                          <label for="auth-${u.id}" class="small"
                            >May approve discounts up to (%)</label
                          >
                          <input
                            id="auth-${u.id}"
                            name="percent"
                            type="text"
                            inputmode="decimal"
                            value="${((input.authorities.get(`user:${u.email}`) ?? 0) / 100).toString()}"
                          />
                          <button class="small secondary">Save</button>
                        </form>`
                      : ''
                  }
                </td>
                <td>${u.last_login_at ? when(u.last_login_at) : 'never'}</td>
                <td>
                  <form
                    method="post"
                    action="/console/settings/users/${u.id}/${u.active ? 'deactivate' : 'activate'}"
                  >
                    ${csrf}
                    <button class="small ${u.active ? 'danger' : ''}">
                      ${u.active ? 'Deactivate' : 'Activate'}
                    </button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form method="post" action="/console/settings/users" class="filters padded">
        ${csrf}
        <div class="field">
          <label for="nu-email">Email</label
          ><input id="nu-email" name="email" type="email" required />
        </div>
        <div class="field">
          <label for="nu-name">Name</label><input id="nu-name" name="name" type="text" />
        </div>
        <div class="field">
          <label for="nu-role">Role</label>
          <select id="nu-role" name="role">
            ${USER_ROLES.map((r) => option(r, ROLE_LABELS[r], 'ops'))}
          </select>
        </div>
        <div class="field">
          <label for="nu-password">Password (${MIN_PASSWORD_LENGTH}+ characters)</label>
          <input
            id="nu-password"
            name="password"
            type="password"
            minlength="${MIN_PASSWORD_LENGTH}"
            required
            autocomplete="new-password"
          />
        </div>
        <div class="field"><button type="submit">Add user</button></div>
      </form>
    </section>
    <section class="card flush" aria-labelledby="channels-h">
      <div class="card-head"><h2 id="channels-h">Channels</h2></div>
      <p class="small muted padded">
        A channel in pilot sends every order that arrives on it to a person (the dealer hears
        “received, checking”); off answers politely and prices nothing. A dealer's own setting for a
        channel (<code>npm run cli -- rollout set D101 on --channel email</code>) wins.
      </p>
      <table>
        <tbody>
          ${input.channels.map(
            (c) =>
              html`<tr>
                <td>${CHANNEL_NAMES[c.channel] ?? c.channel}</td>
                <td>
                  <form
                    method="post"
                    action="/console/settings/channels/${c.channel}"
                    class="inline-form"
                  >
                    ${csrf}
                    <label for="ch-${c.channel}" class="visually-hidden"
                      >Rollout of ${c.channel}</label
                    >
                    <select id="ch-${c.channel}" name="rollout">
                      ${option('on', 'on', c.rollout)} ${option('pilot', 'pilot', c.rollout)}
                      ${option('off', 'off', c.rollout)}
                    </select>
                    <button class="small secondary">Save</button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section class="card" aria-labelledby="defaults-h">
      <h2 id="defaults-h">Defaults for new dealers</h2>
      <p class="small muted">
        A dealer an import creates gets these; existing dealers keep theirs (change one on its
        dealer page).
      </p>
      <form method="post" action="/console/settings/defaults" class="filters">
        ${csrf}
        <div class="field">
          <label for="def-policy">Over the limit or overdue</label>
          <select id="def-policy" name="creditPolicy">
            ${option('hold', 'hold for finance', input.defaults.creditPolicy)}
            ${option('block', 'block', input.defaults.creditPolicy)}
          </select>
        </div>
        <div class="field">
          <label for="def-overdue">Overdue days allowed</label>
          <input
            id="def-overdue"
            name="overdueDays"
            type="text"
            inputmode="numeric"
            value="${input.defaults.overdueDays ?? ''}"
            placeholder="no rule"
          />
        </div>
        <div class="field"><button type="submit">Save defaults</button></div>
      </form>
    </section>
    <section class="card flush" aria-labelledby="tokens-h">
      <div class="card-head"><h2 id="tokens-h">API tokens</h2></div>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Made</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          ${input.tokens.map(
            (t) =>
              html`<tr class="${t.revoked_at ? 'muted' : ''}">
                <td>${t.name}</td>
                <td>${t.role}</td>
                <td>${when(t.created_at)}</td>
                <td>${t.expires_at ? when(t.expires_at) : 'never'}</td>
                <td>${t.last_used_at ? when(t.last_used_at) : 'never'}</td>
                <td>
                  ${
                    t.revoked_at
                      ? html`<span class="small">revoked ${when(t.revoked_at)}</span>`
                      : html`<form method="post" action="/console/settings/tokens/${t.id}/revoke">
                          ${csrf}<button class="small danger">Revoke</button>
                        </form>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form method="post" action="/console/settings/tokens" class="filters padded">
        ${csrf}
        <div class="field">
          <label for="nt-name">Token name</label
          ><input id="nt-name" name="name" type="text" required placeholder="tally-bridge" />
        </div>
        <div class="field">
          <label for="nt-role">Role</label>
          <select id="nt-role" name="role">
            ${API_TOKEN_ROLES.map((r) => option(r, r, 'integration'))}
          </select>
        </div>
        <div class="field">
          <label for="nt-days">Expires after (days)</label>
          <input id="nt-days" name="days" type="text" inputmode="numeric" placeholder="never" />
        </div>
        <div class="field"><button type="submit">Make token</button></div>
      </form>
    </section>`;
}
