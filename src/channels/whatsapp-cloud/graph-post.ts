/**
 * The POST a reply needs, over node's http/https with kept-alive connections instead of the
 * global fetch: fetch (undici's, with web streams) cost the service about as much CPU per reply
 * as the rest of the send (README "Performance"). Only what the sender reads is offered; the
 * global fetch fits the same type, so a caller may still pass it (or a test double).
 */
import http from 'node:http';
import https from 'node:https';

export interface GraphResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface GraphRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export type GraphFetch = (url: string, init: GraphRequest) => Promise<GraphResponse>;

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export const graphPost: GraphFetch = (url, init) =>
  new Promise<GraphResponse>((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const body = Buffer.from(init.body, 'utf8');
    const request = transport.request(
      target,
      {
        method: init.method,
        headers: { ...init.headers, 'content-length': String(body.length) },
        agent,
        signal: init.signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: {
              get: (name) => {
                const value = response.headers[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
              },
            },
            text: () => Promise.resolve(text),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
