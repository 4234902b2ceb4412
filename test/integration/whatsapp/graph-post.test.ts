/**
 * graphPost, the sender's POST over node's http with kept-alive connections: what it answers,
 * and that a Graph API that never answers is given up on at the signal's timeout.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPost } from '../../../src/channels/whatsapp-cloud/graph-post.js';

let server: Server;
let base: string;
const seen: { body: string; auth: string | undefined; length: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ body, auth: req.headers.authorization, length: req.headers['content-length'] });
      if (req.url === '/silent') return; // never answers
      res.writeHead(req.url === '/busy' ? 429 : 200, {
        'content-type': 'application/json',
        'retry-after': '3',
      });
      res.end(JSON.stringify({ messages: [{ id: 'wamid.1' }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, timeoutMs = 5_000) =>
  graphPost(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'नमस्ते' }),
    signal: AbortSignal.timeout(timeoutMs),
  });

describe('graphPost', () => {
  it('sends the body and headers, and reads status, headers and text', async () => {
    const ok = await post('/ok');
    expect(ok.ok).toBe(true);
    expect(JSON.parse(await ok.text())).toEqual({ messages: [{ id: 'wamid.1' }] });
    const busy = await post('/busy');
    expect([busy.status, busy.ok, busy.headers.get('Retry-After')]).toEqual([429, false, '3']);
    expect(seen[0]).toEqual({
      body: JSON.stringify({ text: 'नमस्ते' }),
      auth: 'Bearer t',
      length: String(Buffer.byteLength(JSON.stringify({ text: 'नमस्ते' }))),
    });
  });

  it('gives up at the timeout of its signal', async () => {
    const started = Date.now();
    await expect(post('/silent', 200)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
