/**
 * A local HTTP server that speaks enough of the OpenAI chat-completions protocol
 * for the real `openai` client: POST /v1/chat/completions answers with a
 * completion whose message content is whatever the test says. Every request body
 * is recorded so a test can check exactly what was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean } };
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatRequestBody;
}

/** What the server does with one request. */
export type FakeReply =
  /** A 200 completion whose message content is this string (send JSON.stringify of what you want). */
  | { content: string; delayMs?: number }
  /** An error status with an OpenAI-style error body. */
  | { status: number; delayMs?: number }
  /** Never answer (the client's timeout must end it). */
  | { hang: true };

export type FakeHandler = (body: ChatRequestBody, index: number) => FakeReply;

export interface FakeOpenAiServer {
  /** Base URL to give the client, ending in `/v1`. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Most chat requests the server held open at the same time. */
  readonly maxInFlight: number;
  /** Replace how the next requests are answered. */
  handle(handler: FakeHandler): void;
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(
  handler: FakeHandler = () => ({ content: JSON.stringify({ dealer_name: null, lines: [] }) }),
): Promise<FakeOpenAiServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
        return;
      }
      let body: ChatRequestBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
      } catch {
        send(res, 400, { error: { message: 'request body is not JSON', type: 'invalid_request' } });
        return;
      }
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.once('close', () => (inFlight -= 1));
      const index = requests.length;
      requests.push({ method: req.method, path, headers: req.headers, body });
      const reply = current(body, index);
      if ('hang' in reply) return;
      const answer = () => {
        if ('status' in reply)
          send(res, reply.status, { error: { message: 'fake failure', type: 'server_error' } });
        else send(res, 200, completion(body.model, reply.content, index));
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, reply.delayMs);
        timers.add(timer);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    handle(next) {
      current = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function completion(model: string, content: string, index: number) {
  return {
    id: `chatcmpl-fake-${index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The JSON a well-behaved model would answer with. */
export function proposalJson(
  lines: { mention: string; sku: string | null; qty: number | null; unit: string | null }[],
  dealerName: string | null = null,
): string {
  return JSON.stringify({ dealer_name: dealerName, lines });
}
