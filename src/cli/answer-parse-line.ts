/**
 * One input line of the `parse` command → the one output object for it
 * (docs/parse-cli.md): a draft, or `{ id, error }` for a line that is not
 * a valid request. Never throws.
 */
import type { z } from 'zod';
import {
  parseMessage,
  parseRequestSchema,
  type CompiledCatalog,
  type Directory,
  type DraftOrder,
  type Intent,
  type ParseRequest,
  type ParseResult,
  type ReviewReason,
  type ReviewDecision,
} from '../../parsers/index.js';
import type { LineProposer } from '../../parsers/llm/llm-client.js';
import { parseMessageWithLlm } from '../../parsers/llm/parse-with-llm.js';

export type ParseLineId = string | number | null;

export interface ParseLineDraft {
  id: string;
  intent: Intent;
  orders: DraftOrder[];
  confidence: number;
  needs_review: boolean;
  reasons: ReviewReason[];
  /** With `--explain`: the review policy's accounting. */
  explain?: ReviewDecision;
}

export interface ParseLineError {
  id: ParseLineId;
  error: string;
}

export type ParseLineAnswer = ParseLineDraft | ParseLineError;

export interface AnswerParseLineInput {
  line: string;
  catalog: CompiledCatalog;
  directory: Directory;
  /** Add the review policy's accounting to each answer. */
  explain?: boolean;
  /** Told about parser faults (the line still gets an error answer). */
  onParserFault?: (id: string, error: unknown) => void;
}

export function answerParseLine(input: AnswerParseLineInput): ParseLineAnswer {
  const request = readRequest(input.line);
  if (!request.ok) return request.answer;
  const message = request.message;
  try {
    const result = parseMessage({
      catalog: input.catalog,
      directory: input.directory,
      message,
      everyRefusal: input.explain,
    });
    return toDraft(message.id, result, input.explain);
  } catch (error) {
    input.onParserFault?.(message.id, error);
    return { id: message.id, error: `parser failed on this message: ${messageOf(error)}` };
  }
}

export interface AnswerParseLineWithLlmInput extends AnswerParseLineInput {
  /** Asked about the mentions the rules could not settle (parsers/llm). */
  llm: LineProposer;
  /** Told when the model could not be used for a line; that line keeps the rules' answer. */
  onLlmFailure?: (id: string, error: unknown) => void;
}

/**
 * As `answerParseLine`, with the language-model fallback for drafts the rules
 * find hard. Same output shape; never rejects.
 */
export async function answerParseLineWithLlm(
  input: AnswerParseLineWithLlmInput,
): Promise<ParseLineAnswer> {
  const request = readRequest(input.line);
  if (!request.ok) return request.answer;
  const message = request.message;
  try {
    const result = await parseMessageWithLlm(
      {
        catalog: input.catalog,
        directory: input.directory,
        message,
        onLlmFailure: (error) => input.onLlmFailure?.(message.id, error),
      },
      input.llm,
    );
    return toDraft(message.id, result, input.explain);
  } catch (error) {
    input.onParserFault?.(message.id, error);
    return { id: message.id, error: `parser failed on this message: ${messageOf(error)}` };
  }
}

function toDraft(id: string, result: ParseResult, explain = false): ParseLineDraft {
  return {
    id,
    intent: result.intent,
    orders: result.orders,
    confidence: result.confidence,
    needs_review: result.needs_review,
    reasons: result.reasons,
    ...(explain ? { explain: result.review } : {}),
  };
}

/** A valid request, or the error answer for a line that is not one. */
function readRequest(
  line: string,
): { ok: true; message: ParseRequest } | { ok: false; answer: ParseLineError } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return {
      ok: false,
      answer: { id: recoverId(line), error: `invalid JSON: ${messageOf(error)}` },
    };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, answer: { id: null, error: 'invalid request: expected a JSON object' } };
  }
  const request = parseRequestSchema.safeParse(json);
  if (!request.success) {
    const fields = json as Record<string, unknown>;
    const id = fields['id'];
    return {
      ok: false,
      answer: {
        id: typeof id === 'string' || typeof id === 'number' ? id : null,
        error: `invalid request: ${describeIssues(request.error.issues, fields)}`,
      },
    };
  }
  return { ok: true, message: request.data };
}

function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  fields: Record<string, unknown>,
): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      if (field === '') return issue.message;
      if (issue.path.length === 1 && fields[field] === undefined) return `missing field "${field}"`;
      return `field "${field}": ${issue.message}`;
    })
    .join('; ');
}

/** Best effort: a line that is not JSON may still show its id (`{"id": "m7", "text": "oops}`). */
function recoverId(line: string): ParseLineId {
  const match = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/.exec(line);
  if (!match?.[1]) return null;
  try {
    const id: unknown = JSON.parse(match[1]);
    return typeof id === 'string' || typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
