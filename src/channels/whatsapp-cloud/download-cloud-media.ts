/**
 * A Cloud API media file by its id: `GET {graphUrl}/{apiVersion}/{mediaId}` (the same Graph
 * address and bearer token as every Graph call) answers with a short-lived `url`, which is then
 * fetched with the same bearer token. The size is checked twice: the lookup's `file_size` before
 * anything is downloaded, and the bytes as they arrive (the download stops past the limit).
 *
 * Outcomes: the bytes; `too_large` (nothing kept); `gone` (Graph no longer has it, e.g. after
 * 30 days: retrying will not help). Network errors, timeouts and 5xx/429 throw, to be retried.
 */
import { z } from 'zod';

export interface CloudMediaConfig {
  accessToken: string;
  /** Without a trailing slash. */
  graphUrl: string;
  apiVersion: string;
}

export type CloudMedia =
  | { kind: 'file'; content: Buffer; mimeType: string | null; sha256: string | null }
  | { kind: 'too_large'; size: number }
  | { kind: 'gone'; detail: string };

const lookupSchema = z.looseObject({
  url: z.string().url(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.coerce.number().optional(),
});

export interface DownloadCloudMediaOptions {
  fetch?: typeof fetch;
  /** Per request, ms. Default 30 000. */
  timeoutMs?: number;
}

export async function downloadCloudMedia(
  config: CloudMediaConfig,
  mediaId: string,
  maxBytes: number,
  options: DownloadCloudMediaOptions = {},
): Promise<CloudMedia> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const auth = { authorization: `Bearer ${config.accessToken}` };
  const lookup = await doFetch(
    `${config.graphUrl}/${config.apiVersion}/${encodeURIComponent(mediaId)}`,
    { headers: auth, signal: AbortSignal.timeout(timeoutMs) },
  );
  if (!lookup.ok) {
    const body = (await lookup.text()).slice(0, 300);
    if (isPermanent(lookup.status))
      return { kind: 'gone', detail: `media lookup answered ${lookup.status}: ${body}` };
    throw new Error(`media lookup answered ${lookup.status}: ${body}`);
  }
  const found = lookupSchema.safeParse(await lookup.json());
  if (!found.success) return { kind: 'gone', detail: 'media lookup answered without a url' };
  const { url, mime_type: mimeType, sha256, file_size: declaredSize } = found.data;
  if (declaredSize !== undefined && declaredSize > maxBytes) {
    return { kind: 'too_large', size: declaredSize };
  }
  const file = await doFetch(url, { headers: auth, signal: AbortSignal.timeout(timeoutMs) });
  if (!file.ok) {
    await file.body?.cancel();
    if (isPermanent(file.status))
      return { kind: 'gone', detail: `media download answered ${file.status}` };
    throw new Error(`media download answered ${file.status}`);
  }
  const length = Number(file.headers.get('content-length'));
  if (Number.isFinite(length) && length > maxBytes) {
    await file.body?.cancel();
    return { kind: 'too_large', size: length };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = file.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (next === undefined || next.done) break;
    size += next.value.length;
    if (size > maxBytes) {
      await reader?.cancel().catch(() => undefined);
      return { kind: 'too_large', size };
    }
    chunks.push(Buffer.from(next.value));
  }
  return {
    kind: 'file',
    content: Buffer.concat(chunks),
    mimeType: mimeType ?? null,
    sha256: sha256 ?? null,
  };
}

/** 4xx other than 408/429: asking again gives the same answer. */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
