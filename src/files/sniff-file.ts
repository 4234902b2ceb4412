/**
 * What a file's bytes are, from their magic numbers (file-type), and whether they are plain
 * UTF-8 text (a CSV has no magic number). The name and the declared type are not looked at here.
 */
import { fileTypeFromBuffer } from 'file-type';

/** Text is judged on this much of the file. */
const TEXT_PROBE_BYTES = 64 * 1024;

export interface Sniffed {
  sniffedType: string | null;
  isText: boolean;
}

export async function sniffFile(content: Buffer): Promise<Sniffed> {
  const type = await fileTypeFromBuffer(content);
  if (type !== undefined) return { sniffedType: type.mime, isText: false };
  return { sniffedType: null, isText: content.length > 0 && looksLikeText(content) };
}

function looksLikeText(content: Buffer): boolean {
  let probe = content.subarray(0, TEXT_PROBE_BYTES);
  if (probe.includes(0)) return false;
  // a multi-byte character cut at the probe's end is not an error
  if (content.length > TEXT_PROBE_BYTES) {
    let end = probe.length;
    while (end > 0 && end > probe.length - 4 && (probe[end - 1]! & 0xc0) === 0x80) end--;
    if (end > 0 && probe[end - 1]! >= 0xc0) end--;
    probe = probe.subarray(0, end);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(probe);
    return true;
  } catch {
    return false;
  }
}
