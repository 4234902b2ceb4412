/**
 * A local HTTP server playing the Graph API's send endpoint: records every
 * request (path, headers, JSON body, time) and answers from a plan (a queue
 * of canned answers), else 200 with a fresh `wamid.`.
 *
 * Media: a file put in `media` under an id is looked up as Graph does
 * (`GET /{version}/{media id}` → `{ url, mime_type, sha256, file_size }`) and
 * served at that url; both answer 401 without the bearer token.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
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

export interface FakeMedia {
  content: Buffer;
  mimeType: string;
  /** What the lookup reports as `file_size`; default the content's length. */
  fileSize?: number;
}

export interface FakeGraph {
  url: string;
  /** Media by id, served to callers with `accessToken`. */
  media: Map<string, FakeMedia>;
  accessToken: string;
  requests: GraphRequest[];
  /** Answers for the next requests, in order. */
  plan: PlannedAnswer[];
  close(): Promise<void>;
}

export async function startFakeGraph(accessToken = 'EAAG-test-token'): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  const plan: PlannedAnswer[] = [];
  const media = new Map<string, FakeMedia>();
  let seq = 0;
  let url = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET') {
        serveMedia(req.url ?? '', req.headers.authorization, res);
        return;
      }
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
  const serveMedia = (path: string, auth: string | undefined, res: ServerResponse) => {
    requests.push({
      method: 'GET',
      path,
      headers: { authorization: auth },
      body: {},
      at: Date.now(),
    });
    if (auth !== `Bearer ${accessToken}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Invalid OAuth access token', code: 190 } }));
      return;
    }
    const download = /^\/media-files\/([^/?]+)$/.exec(path);
    const lookup = /^\/v\d+\.\d+\/([^/?]+)$/.exec(path);
    const id = decodeURIComponent((download ?? lookup)?.[1] ?? '');
    const file = media.get(id);
    if (!file) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Unsupported get request', code: 100 } }));
      return;
    }
    if (download) {
      res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.content.length });
      res.end(file.content);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        url: `${url}/media-files/${encodeURIComponent(id)}`,
        mime_type: file.mimeType,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        file_size: file.fileSize ?? file.content.length,
        id,
      }),
    );
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    media,
    accessToken,
    requests,
    plan,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
