/**
 * Serves the web chat page at /chat (no auth: the page is static; its API
 * calls carry the token the user enters). A strict Content-Security-Policy:
 * everything from this origin, nothing inline, no framing.
 */
import { Router, type Response } from 'express';
import { CHAT_CSS, CHAT_HTML, chatScript } from './chat-page.js';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface WebchatPageInput {
  /** How often the page polls for replies, ms. */
  pollMs: number;
}

export function webchatPageRouter(input: WebchatPageInput): Router {
  const router = Router();
  const script = chatScript(input.pollMs);
  const send = (res: Response, type: string, body: string) => {
    res.set('Content-Security-Policy', CSP).set('Cache-Control', 'no-cache').type(type).send(body);
  };
  router.get('/', (_req, res) => res.redirect(302, '/chat'));
  router.get('/chat', (_req, res) => send(res, 'html', CHAT_HTML));
  router.get('/chat/chat.js', (_req, res) => send(res, 'js', script));
  router.get('/chat/chat.css', (_req, res) => send(res, 'css', CHAT_CSS));
  return router;
}
