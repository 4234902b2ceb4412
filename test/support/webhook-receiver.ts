/**
 * A local HTTP server standing in for an ERP's order webhook: checks each
 * request's signature, refuses a seeded share of calls with 500 (before
 * looking at them), and processes each Idempotency-Key once — a repeat is
 * answered 200 and counted, as a careful receiver does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyExportSignature } from '../../src/services/export/sign-webhook.js';

export interface WebhookReceiver {
  url: string;
  /** Processed orders by Idempotency-Key, in arrival order. */
  processed: Map<string, Record<string, unknown>>;
  repeats: number;
  refused: number;
  badSignatures: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  secret: string,
  options: { failShare?: number; seed?: number } = {},
): Promise<WebhookReceiver> {
  let state = (options.seed ?? 7) >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const receiver: WebhookReceiver = {
    url: '',
    processed: new Map(),
    repeats: 0,
    refused: 0,
    badSignatures: 0,
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (random() < (options.failShare ?? 0)) {
        receiver.refused += 1;
        res.writeHead(500).end('try later');
        return;
      }
      const raw = Buffer.concat(chunks);
      const signature = req.headers['x-orderdesk-signature'];
      if (
        !verifyExportSignature(secret, raw, typeof signature === 'string' ? signature : undefined)
      ) {
        receiver.badSignatures += 1;
        res.writeHead(401).end('bad signature');
        return;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      if (receiver.processed.has(key)) {
        receiver.repeats += 1;
      } else {
        receiver.processed.set(key, JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
