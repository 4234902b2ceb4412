/**
 * POST /api/transcripts → 202 {message_id}: a phone call's transcript, for a
 * dealer, entering the pipeline as channel `transcript`. Three ways to send it:
 *
 * - JSON `{"dealer": "D001", "text": "..."}`;
 * - `text/plain` body with `?dealer=D001`;
 * - `multipart/form-data` with a `dealer` field and the transcript as a
 *   `file` upload (or a `text` field).
 *
 * An unknown dealer code is refused with 404 NOT_FOUND and nothing is stored:
 * the caller (ops staff or an integration) still holds the transcript and
 * gets a clear reason, so nothing is lost and no orphan message waits for a
 * dealer nobody can attach. A file or text/plain body goes to ingestion as
 * bytes: text that is not valid UTF-8 is stored with the bad bytes replaced
 * and flagged (see domain/inbound-text.ts), never refused.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import type { AppDeps, IngestInput } from '../app-deps.js';
import { dealerCodeSchema, requireDealer } from './dealer-code.js';

const transcriptSchema = z.object({
  dealer: dealerCodeSchema,
  text: z.string({ error: 'must be the transcript text (a string)' }),
});

interface Transcript {
  dealer: string;
  text: string | Uint8Array;
  attachment?: { filename: string; content_type: string; size: number };
}

const HOW =
  'send JSON {"dealer": "D001", "text": "..."}, a text/plain body with ?dealer=D001, ' +
  'or a multipart/form-data form with a "dealer" field and a "file" upload';

export function transcriptsRouter(deps: Pick<AppDeps, 'db' | 'ingest'>): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const transcript = await readTranscript(req);
    await requireDealer(deps.db, transcript.dealer);
    const input: IngestInput = {
      channel: 'transcript',
      externalId: randomUUID(),
      sender: transcript.dealer,
      dealerCode: transcript.dealer,
      text: transcript.text,
      receivedAt: new Date(),
      ...(transcript.attachment === undefined ? {} : { attachments: [transcript.attachment] }),
    };
    const { messageId } = await deps.ingest(input);
    res.status(202).json({ message_id: messageId });
  });
  return router;
}

async function readTranscript(req: Request): Promise<Transcript> {
  if (req.is('application/json')) {
    return transcriptSchema.parse(req.body);
  }
  if (req.is('text/plain')) {
    const dealer = dealerCodeSchema.safeParse(req.query.dealer);
    if (!dealer.success) {
      throw new AppError('INVALID_INPUT', `dealer: give the dealer code as ?dealer=D001 (${HOW})`);
    }
    return { dealer: dealer.data, text: bodyBytes(req) };
  }
  if (req.is('multipart/form-data')) {
    return readMultipart(req);
  }
  throw new AppError('INVALID_INPUT', `unsupported Content-Type; ${HOW}`);
}

async function readMultipart(req: Request): Promise<Transcript> {
  let form: FormData;
  try {
    // The WHATWG Response parses multipart/form-data: no extra dependency.
    form = await new Response(bodyBytes(req), {
      headers: { 'content-type': req.get('content-type') ?? '' },
    }).formData();
  } catch {
    throw new AppError('INVALID_INPUT', 'the multipart form could not be read');
  }
  const dealerField = form.get('dealer');
  const dealer = dealerCodeSchema.safeParse(
    typeof dealerField === 'string' ? dealerField : undefined,
  );
  if (!dealer.success) {
    throw new AppError(
      'INVALID_INPUT',
      'dealer: the form needs a "dealer" field with the dealer code',
    );
  }
  let file = form.get('file');
  if (file === null) {
    form.forEach((value) => {
      if (file === null && typeof value !== 'string') file = value;
    });
  }
  if (file !== null && typeof file !== 'string') {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return {
      dealer: dealer.data,
      text: bytes,
      attachment: {
        filename: file.name,
        content_type: file.type || 'text/plain',
        size: bytes.byteLength,
      },
    };
  }
  const text = form.get('text');
  if (typeof text === 'string') return { dealer: dealer.data, text };
  throw new AppError('INVALID_INPUT', 'file: the form needs a "file" upload or a "text" field');
}

/** The raw body (express.raw); an empty body arrives as no Buffer at all. */
function bodyBytes(req: Request): Uint8Array<ArrayBuffer> {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array(0);
}
