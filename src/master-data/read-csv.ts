/**
 * Turns the bytes of a master-data CSV into header-keyed records with the
 * line each one starts on. RFC 4180 quoting, UTF-8, an optional BOM, a header
 * row whose names are matched trimmed and case-insensitively; columns we do
 * not know are kept but never required.
 */
import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import type { LoadProblem, LoadResult } from './load-problem.js';

export interface CsvRecord {
  /** 1-based line the record starts on (a quoted field may span lines). */
  line: number;
  /** Cells keyed by normalised header name; a column absent from the file is absent here. */
  cells: Record<string, string>;
}

export interface CsvTable {
  file: string;
  /** Header names as normalised (trimmed, lower-cased), in file order. */
  columns: string[];
  /** Records with as many fields as the header; the others are in `problems`. */
  records: CsvRecord[];
  /**
   * Problems of the header and of the record structure. They do not stop the
   * reading, so the cells of the other records can still be checked and every
   * problem reported at once; a table with problems must not be loaded.
   */
  problems: LoadProblem[];
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

/** Normalises a header cell: `" Pack_Size "` → `"pack_size"`. */
export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}

/** Reads a file from disk; an unreadable file is a problem, not an exception. */
export async function readCsvFile(
  path: string,
  columns: CsvColumns,
  fileName: string = path,
): Promise<LoadResult<CsvTable>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [fileProblem(fileName, `cannot read the file: ${reason}`)] };
  }
  return readCsv(bytes, fileName, columns);
}

/**
 * Parses CSV text (or UTF-8 bytes) already in memory. Fails only when the
 * text cannot be read as CSV at all; see `CsvTable.problems` for the rest.
 */
export function readCsv(
  input: string | Uint8Array,
  fileName: string,
  columns: CsvColumns,
): LoadResult<CsvTable> {
  const decoded = decodeUtf8(input, fileName);
  if (!decoded.ok) return decoded;
  // csv-parse miscounts lines after a CRLF record, and line numbers are the
  // whole point of our error messages: hand it LF only.
  const text = decoded.value.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  let parsed: ParsedRecord[];
  try {
    // With `info` and `raw` each record comes wrapped; the typings do not model that.
    parsed = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error['lines'] === 'number' ? error['lines'] : null;
      return {
        ok: false,
        problems: [{ file: fileName, line, column: null, value: null, message: error.message }],
      };
    }
    throw error;
  }

  const [head, ...body] = parsed;
  if (!head) {
    return { ok: false, problems: [fileProblem(fileName, 'is empty: expected a header row')] };
  }

  const problems: LoadProblem[] = [];
  const known = new Set([...columns.required, ...columns.optional]);
  const headerLine = startLine(head.info.lines, head.raw);
  const header = head.record.map(normalizeColumnName);
  const firstIndex = new Map<string, number>();
  header.forEach((name, index) => {
    if (name === '') return;
    if (!firstIndex.has(name)) firstIndex.set(name, index);
    else if (known.has(name)) {
      problems.push(
        headerProblem(fileName, headerLine, name, `column "${name}" appears more than once`),
      );
    }
  });
  for (const name of columns.required) {
    if (!firstIndex.has(name)) {
      problems.push(
        headerProblem(
          fileName,
          headerLine,
          name,
          `missing required column "${name}" (header: ${header.join(', ')})`,
        ),
      );
    }
  }

  const records: CsvRecord[] = [];
  for (const { record, raw, info } of body) {
    const line = startLine(info.lines, raw);
    if (record.every((cell) => cell.trim() === '')) continue;
    const extra = record.slice(header.length);
    if (record.length < header.length || extra.some((cell) => cell.trim() !== '')) {
      problems.push({
        file: fileName,
        line,
        column: null,
        value: raw.replace(/^\n+|\n$/g, ''),
        message: `has ${record.length} fields but the header has ${header.length}`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const [name, index] of firstIndex) cells[name] = record[index] ?? '';
    records.push({ line, cells });
  }

  return {
    ok: true,
    value: { file: fileName, columns: [...firstIndex.keys()], records, problems },
  };
}

/** `info.lines` is where the record ends; a raw record may start with skipped blank lines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function decodeUtf8(input: string | Uint8Array, fileName: string): LoadResult<string> {
  if (typeof input === 'string') return { ok: true, value: input };
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(input) };
  } catch {
    return { ok: false, problems: invalidUtf8Lines(input, fileName) };
  }
}

/** Points at each line holding bytes that are not UTF-8 (a spreadsheet saved as "CSV" in a legacy code page). */
function invalidUtf8Lines(bytes: Uint8Array, fileName: string): LoadProblem[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const problems: LoadProblem[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const slice = bytes.subarray(start, i);
    try {
      decoder.decode(slice);
    } catch {
      problems.push({
        file: fileName,
        line,
        column: null,
        value: new TextDecoder('utf-8').decode(slice).trimEnd(),
        message: 'is not valid UTF-8; save the file as "CSV UTF-8"',
      });
    }
    start = i + 1;
    line += 1;
  }
  return problems;
}

function fileProblem(file: string, message: string): LoadProblem {
  return { file, line: null, column: null, value: null, message };
}

function headerProblem(file: string, line: number, column: string, message: string): LoadProblem {
  return { file, line, column, value: null, message };
}
