/**
 * The two outsiders `npm run chaos` plays: Meta delivering dealers'
 * WhatsApp messages to the service's webhook (signed, each message several
 * times, retried until answered 200 as Meta does), and the Graph API the
 * replies go to, refusing a share of sends and counting the accepted ones
 * per outbox row.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signBody } from '../../src/channels/whatsapp-cloud/verify-signature.js';

export interface FlakyGraph {
  url: string;
  /** Accepted sends per outbox id (`biz_opaque_callback_data`). */
  accepted: Map<string, number>;
  /** When each outbox id was first and last accepted (ms since the epoch). */
  firstAcceptedAt: Map<string, number>;
  lastAcceptedAt: Map<string, number>;
  acceptedWithoutId: number;
  refused: number;
  close(): Promise<void>;
}

/** Answers 500 to `failShare` of sends (decided by a seeded sequence), else 200 with a wamid. */
export async function startFlakyGraph(failShare: number, seed: number): Promise<FlakyGraph> {
  let state = seed >>> 0 || 1;
  const nextRandom = () => {
    // xorshift32: the same run of refusals for the same seed
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  let seq = 0;
  const graph: FlakyGraph = {
    url: '',
    accepted: new Map(),
    firstAcceptedAt: new Map(),
    lastAcceptedAt: new Map(),
    acceptedWithoutId: 0,
    refused: 0,
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (nextRandom() < failShare) {
        graph.refused += 1;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'chaos: service unavailable', code: 2 } }));
        return;
      }
      let id: unknown;
      try {
        id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)[
          'biz_opaque_callback_data'
        ];
      } catch {
        id = undefined;
      }
      if (typeof id === 'string') {
        graph.accepted.set(id, (graph.accepted.get(id) ?? 0) + 1);
        if (!graph.firstAcceptedAt.has(id)) graph.firstAcceptedAt.set(id, Date.now());
        graph.lastAcceptedAt.set(id, Date.now());
      } else graph.acceptedWithoutId += 1;
      seq += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          messages: [{ id: `wamid.CHAOSOUT${String(seq).padStart(7, '0')}` }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  graph.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  graph.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return graph;
}

export interface InboundText {
  wamid: string;
  from: string;
  text: string;
}

export function webhookBody(message: InboundText, phoneNumberId: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'chaos-waba',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Dealer' }, wa_id: message.from }],
              messages: [
                {
                  from: message.from,
                  id: message.wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: message.text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Posts one signed delivery until the service answers 200 (connection
 * refused while the API restarts, 5xx while PostgreSQL or Redis is down),
 * waiting 0.25 s doubling to 4 s, for `giveUpMs` at most. True when accepted.
 */
export async function deliverUntilAccepted(
  url: string,
  body: string,
  appSecret: string,
  giveUpMs: number,
): Promise<boolean> {
  const deadline = Date.now() + giveUpMs;
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(appSecret, body),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      await res.arrayBuffer();
      if (res.status === 200) return true;
    } catch {
      // refused or reset: the API is restarting
    }
    await sleep(Math.min(250 * 2 ** attempt, 4_000));
  }
  return false;
}
