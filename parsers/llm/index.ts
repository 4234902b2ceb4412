/**
 * The language-model fallback of the parser. `parseMessageWithLlm` is pure apart
 * from the `LineProposer` passed in; `createOpenAiLineProposer` builds one on the
 * `openai` SDK for any OpenAI-compatible chat-completions endpoint.
 */
export {
  parseMessageWithLlm,
  LLM_REASON_CODES,
  MAX_SUGGESTED_QTY,
  type ParseMessageWithLlmInput,
} from './parse-with-llm.js';
export {
  createOpenAiLineProposer,
  LlmAnswerError,
  type CreateOpenAiLineProposerInput,
  type LineProposer,
  type ProposeLinesOptions,
} from './llm-client.js';
export {
  buildLinePrompt,
  MESSAGE_BEGIN,
  MESSAGE_END,
  type LinePrompt,
} from './build-line-prompt.js';
export type * from './line-proposal.js';
export { llmProposalSchema, llmProposedLineSchema } from './line-proposal.js';
