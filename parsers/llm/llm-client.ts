/**
 * The one thing the parser needs from a language model, and its implementation on
 * the `openai` SDK (any OpenAI-compatible chat-completions endpoint). The parser
 * depends on `LineProposer` only; tests and workers pass whichever they build.
 */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { buildLinePrompt } from './build-line-prompt.js';
import { llmProposalSchema, type LineProposalRequest, type LlmProposal } from './line-proposal.js';

export interface ProposeLinesOptions {
  signal?: AbortSignal;
}

/** Proposes order lines for the mentions the rules could not settle. May reject; callers fall back. */
export interface LineProposer {
  proposeLines(request: LineProposalRequest, options?: ProposeLinesOptions): Promise<LlmProposal>;
}

export interface CreateOpenAiLineProposerInput {
  /** e.g. `http://127.0.0.1:8080/v1`; the SDK's default endpoint when null. */
  baseURL: string | null;
  /** Any string for local servers that take no key. */
  apiKey: string;
  model: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries after a failed attempt (connection errors, 408/409/429/5xx). Default 1. */
  maxRetries?: number;
}

/** Thrown when the endpoint answered but gave no usable proposal (a refusal, an empty choice). */
export class LlmAnswerError extends Error {
  override readonly name = 'LlmAnswerError';
}

export function createOpenAiLineProposer(input: CreateOpenAiLineProposerInput): LineProposer {
  const client = new OpenAI({
    ...(input.baseURL !== null ? { baseURL: input.baseURL } : {}),
    apiKey: input.apiKey,
    timeout: input.timeoutMs,
    // A slow or failing endpoint must not multiply the load: one retry at most by default.
    maxRetries: input.maxRetries ?? 1,
  });
  const responseFormat = zodResponseFormat(llmProposalSchema, 'order_lines');

  return {
    async proposeLines(request, options) {
      const prompt = buildLinePrompt(request);
      const completion = await client.chat.completions.parse(
        {
          model: input.model,
          temperature: 0,
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: prompt.user },
          ],
          response_format: responseFormat,
        },
        options?.signal ? { signal: options.signal } : undefined,
      );
      const message = completion.choices[0]?.message;
      if (!message) throw new LlmAnswerError('the completion has no choice');
      if (message.refusal) throw new LlmAnswerError(`the model refused: ${message.refusal}`);
      if (!message.parsed) throw new LlmAnswerError('the completion has no parsed content');
      return message.parsed;
    },
  };
}
