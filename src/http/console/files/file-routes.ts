/**
 * A message's files in the console, behind the console session (mounted after `loadSession` in
 * console-router.ts; never on a public path):
 *
 * - `GET /console/files/:id`: the bytes as received, with the type their magic bytes showed
 *   (never the name's), inline for photos and voice notes, as a download otherwise. A refused
 *   file is never served back.
 * - `GET /console/files/:id/read.png`: the photo as the OCR read it (straightened, cleaned), the
 *   picture the word boxes on the review page are drawn on.
 * - `POST /console/review/messages/:id/transcript`: what ops typed from a voice note
 *   (src/services/files/submit-voice-transcript.ts).
 */
import { Router, type Response } from 'express';
import { AppError } from '../../../domain/app-error.js';
import { prepareImage } from '../../../files/ocr/prepare-image.js';
import { findInboundFile } from '../../../repositories/inbound-file.repository.js';
import { isUuid } from '../../../repositories/inbound-message.repository.js';
import { submitVoiceTranscript } from '../../../services/files/submit-voice-transcript.js';
import { h, str } from '../../form-values.js';
import type { ConsoleDeps } from '../console-deps.js';
import { currentUser, requirePermission } from '../session-auth.js';

const INLINE = /^(image\/(jpeg|png|webp)|audio\/)/;

export function consoleFileRoutes(deps: Pick<ConsoleDeps, 'db' | 'ingest'>): Router {
  const router = Router();

  const servable = async (id: string) => {
    const file = isUuid(id) ? await findInboundFile(deps.db, id) : undefined;
    if (!file || file.status === 'refused' || file.content === null || file.sniffed_type === null) {
      throw new AppError('NOT_FOUND', 'no such file, or it is not kept');
    }
    return { ...file, content: file.content, sniffedType: file.sniffed_type };
  };
  const send = (res: Response, type: string, body: Buffer, disposition: string) => {
    res.set('Content-Type', type).set('Content-Disposition', disposition).send(body);
  };

  router.get(
    '/files/:id',
    h(async (req, res) => {
      const file = await servable(str(req.params.id));
      const name = (file.filename ?? 'file').replace(/[^\w.-]+/g, '_');
      send(
        res,
        file.sniffedType,
        file.content,
        `${INLINE.test(file.sniffedType) ? 'inline' : 'attachment'}; filename="${name}"`,
      );
    }),
  );

  router.get(
    '/files/:id/read.png',
    h(async (req, res) => {
      const file = await servable(str(req.params.id));
      if (!file.sniffedType.startsWith('image/')) throw new AppError('NOT_FOUND', 'not a photo');
      send(res, 'image/png', (await prepareImage(file.content)).png, 'inline');
    }),
  );

  router.post(
    '/review/messages/:id/transcript',
    requirePermission('review'),
    h(async (req, res) => {
      const user = currentUser(res);
      const stored = await submitVoiceTranscript(deps, {
        messageId: str(req.params.id),
        transcript: str(req.body?.transcript),
        actor: `user:${user.email}`,
      });
      res.redirect(303, `/console/review?done=transcribed&message=${stored.messageId}`);
    }),
  );
  return router;
}
