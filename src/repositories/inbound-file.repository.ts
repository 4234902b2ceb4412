/**
 * Files kept with inbound messages (migration 0080). Listing never reads the bytes; only the
 * file reader and the console's file route do, one file at a time.
 */
import { createHash } from 'node:crypto';
import { toJson } from '../db/json.js';
import type {
  FileRefusal,
  InboundFile,
  InboundFileKind,
  InboundFileStatus,
  JsonValue,
} from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface NewInboundFile {
  kind: InboundFileKind;
  source: 'whatsapp-cloud' | 'whatsapp-web';
  /** The Cloud API media id to download it by; null when the channel handed the bytes over. */
  mediaId?: string | null;
  filename?: string | null;
  declaredType?: string | null;
  /** The bytes, when the channel already has them (whatsapp-web). */
  content?: Buffer | null;
  /** The size the channel reports when the bytes are not here (yet). */
  size?: number | null;
  /** The channel could not get the file at all: it is settled as unavailable. */
  unavailable?: string | null;
}

export async function insertInboundFiles(
  db: Executor,
  messageId: string,
  files: readonly NewInboundFile[],
): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto('inbound_files')
    .values(
      files.map((f, position) => {
        const content = f.content ?? null;
        const unavailable = f.unavailable ?? null;
        return {
          inbound_message_id: messageId,
          position,
          kind: f.kind,
          source: f.source,
          media_id: f.mediaId ?? null,
          filename: f.filename ?? null,
          declared_type: f.declaredType ?? null,
          size_bytes:
            content !== null ? BigInt(content.length) : f.size != null ? BigInt(f.size) : null,
          sha256: content === null ? null : sha256(content),
          content,
          ...(unavailable === null
            ? {}
            : { status: 'refused' as const, refusal: 'unavailable' as const, detail: unavailable }),
        };
      }),
    )
    .execute();
}

/** A message's files without their bytes, in the order they came. */
export type InboundFileInfo = Omit<InboundFile, 'content'> & { has_content: boolean };

export async function listMessageFiles(
  db: Executor,
  messageIds: readonly string[],
): Promise<InboundFileInfo[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .selectFrom('inbound_files')
    .select([
      'id',
      'inbound_message_id',
      'position',
      'kind',
      'source',
      'media_id',
      'filename',
      'declared_type',
      'sniffed_type',
      'size_bytes',
      'sha256',
      'status',
      'refusal',
      'detail',
      'reading',
      'attempts',
      'purged_at',
      'created_at',
      'updated_at',
    ])
    .select((eb) => eb('content', 'is not', null).as('has_content'))
    .where('inbound_message_id', 'in', messageIds)
    .orderBy('inbound_message_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ...r, has_content: r.has_content === true }));
}

export async function findInboundFile(db: Executor, id: string): Promise<InboundFile | undefined> {
  return db.selectFrom('inbound_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface SettleFileInput {
  status: InboundFileStatus;
  refusal?: FileRefusal | null;
  detail?: string | null;
  sniffedType?: string | null;
  reading?: JsonValue | null;
  /** Bytes downloaded now (kept unless the file is refused for its size). */
  content?: Buffer | null;
  size?: number | null;
}

export async function settleInboundFile(
  db: Executor,
  id: string,
  input: SettleFileInput,
): Promise<void> {
  await db
    .updateTable('inbound_files')
    .set({
      status: input.status,
      refusal: input.refusal ?? null,
      detail: input.detail ?? null,
      ...(input.sniffedType === undefined ? {} : { sniffed_type: input.sniffedType }),
      ...(input.reading === undefined
        ? {}
        : { reading: input.reading === null ? null : toJson(input.reading) }),
      ...(input.content === undefined
        ? {}
        : {
            content: input.content,
            sha256: input.content === null ? null : sha256(input.content),
          }),
      ...(input.size == null ? {} : { size_bytes: BigInt(input.size) }),
    })
    .where('id', '=', id)
    .execute();
}

/** Counts a try at fetching or reading a file; returns the new count. */
export async function countFileAttempt(db: Executor, id: string): Promise<number> {
  const row = await db
    .updateTable('inbound_files')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

/** Drops the bytes of files received before `before`, at most `limit`; returns how many. */
export async function purgeFileContent(db: Executor, before: Date, limit: number): Promise<number> {
  const rows = await db
    .updateTable('inbound_files')
    .set({ content: null, purged_at: new Date() })
    .where(
      'id',
      'in',
      db
        .selectFrom('inbound_files')
        .select('id')
        .where('content', 'is not', null)
        .where('created_at', '<', before)
        .limit(limit),
    )
    .returning('id')
    .execute();
  return rows.length;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
