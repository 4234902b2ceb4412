/**
 * The console's page chrome: a top bar with the sections (with live counts),
 * who is signed in and sign-out, then the page. Every page is server-rendered;
 * /console/assets/console.js adds autocomplete, shortcuts and live updates.
 */
import { html, type SafeHtml } from '../html.js';
import { can, ROLE_LABELS } from '../roles.js';
import type { ConsoleUser } from '../session-auth.js';

export type Section =
  | 'review'
  | 'approvals'
  | 'orders'
  | 'phone'
  | 'dealers'
  | 'exports'
  | 'channels'
  | 'reports'
  | 'settings';

export interface PageInput {
  title: string;
  section: Section | null;
  user: ConsoleUser;
  body: SafeHtml;
  /** A one-line notice at the top (already chosen from fixed texts). */
  flash?: { kind: 'ok' | 'error'; text: string } | null;
  pollMs: number;
  /** Extra `data-page` value for the script. */
  page?: string;
}

export function page(input: PageInput): string {
  const { user } = input;
  const nav = (section: Section, label: string, href: string, counter?: string) =>
    html`<li>
      <a href="${href}" ${input.section === section ? html`aria-current="page"` : ''}
        >${label}${
          counter ? html` <span class="count" data-count="${counter}" hidden></span>` : ''
        }</a
      >
    </li>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} · Order Desk</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/console.js" defer></script>
        ${
          input.section === 'reports'
            ? html`<script src="/console/reports/assets/chart.umd.min.js" defer></script>
                <script src="/console/reports/assets/reports.js" defer></script>`
            : ''
        }
      </head>
      <body
        data-page="${input.page ?? input.section ?? ''}"
        data-poll-ms="${input.pollMs}"
        data-csrf="${user.csrfToken}"
        data-user-id="${user.id}"
      >
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/console/review"
            ><span class="logo" aria-hidden="true">OD</span><span>Order Desk</span></a
          >
          <nav aria-label="Sections">
            <ul>
              ${nav('review', 'Review', '/console/review', 'review')}
              ${nav('approvals', 'Approvals', '/console/approvals', 'approvals')}
              ${nav('orders', 'Orders', '/console/orders')}
              ${can(user.role, 'review') ? nav('phone', 'Phone orders', '/console/phone') : ''}
              ${nav('dealers', 'Dealers', '/console/dealers')}
              ${nav('exports', 'ERP export', '/console/exports')}
              ${nav('channels', 'Channels', '/console/channels')}
              ${can(user.role, 'reports') ? nav('reports', 'Reports', '/console/reports/volume') : ''}
              ${can(user.role, 'admin') ? nav('settings', 'Settings', '/console/settings') : ''}
              <li>
                <a href="/chat" target="_blank" rel="noopener"
                  >Web chat <span aria-hidden="true">↗</span></a
                >
              </li>
            </ul>
          </nav>
          <div class="who">
            <span class="user"
              ><span class="name">${user.name}</span>
              <span class="role">${ROLE_LABELS[user.role]}</span></span
            >
            <form method="post" action="/console/logout">
              <input type="hidden" name="_csrf" value="${user.csrfToken}" />
              <button type="submit" class="ghost small">Sign out</button>
            </form>
          </div>
        </header>
        <main id="main" tabindex="-1">
          ${input.flash ? html`<p class="flash ${input.flash.kind}" role="${input.flash.kind === 'error' ? 'alert' : 'status'}">${input.flash.text}</p>` : ''}
          ${input.body}
        </main>
        <p id="live" class="visually-hidden" aria-live="polite"></p>
      </body>
    </html>`.value;
}

/** A bare page (login, errors before sign-in). */
export function barePage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Order Desk</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
      </head>
      <body class="bare">
        <main id="main">${body}</main>
      </body>
    </html>`.value;
}
