/**
 * A local HTTP server playing the Graph API's send endpoint: records every
 * request (path, headers, JSON body, time) and answers from a plan (a queue
 * of canned answers), else 200 with a fresh `wamid.`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  at: number;
}

export interface PlannedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeGraph {
  url: string;
  requests: GraphRequest[];
  /** Answers for the next requests, in order. */
  plan: PlannedAnswer[];
  close(): Promise<void>;
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  const plan: PlannedAnswer[] = [];
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
        at: Date.now(),
      });
      const answer = plan.shift();
      seq += 1;
      const body = answer?.body ?? {
        messaging_product: 'whatsapp',
        contacts: [{ input: 'x', wa_id: 'x' }],
        messages: [{ id: `wamid.OUT${String(seq).padStart(6, '0')}` }],
      };
      res.writeHead(answer?.status ?? 200, {
        'content-type': 'application/json',
        ...answer?.headers,
      });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    plan,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
