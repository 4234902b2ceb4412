/**
 * Public face of the parser. Everything is pure: the catalog and the dealer
 * directory come in as data (compiled once), a message comes in, a draft goes out.
 */
export type * from './types.js';
export { parseRequestSchema, intentSchema, channelSchema } from './types.js';
export { compileCatalog, type CompiledCatalog } from './match/compile-catalog.js';
export { compileDirectory, type Directory } from './dealer/compile-directory.js';
export { parseMessage, type ParseMessageInput } from './pipeline.js';
export { type LearnedAlias } from './match/learned-aliases.js';
export { decideReview, type ReviewInput } from './review/review-policy.js';
export type { ReviewDecision, TokenAccount, TokenRole } from './review/trace.js';
export { REFUSAL_CODES, type Refusal, type RefusalCode } from './review/refusals.js';
export { recognitionDoubts, withRecognitionConfidence } from './review/recognition-doubts.js';
