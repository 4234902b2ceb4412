/** Voice notes transcribed by an OpenAI-compatible endpoint (`audio.transcriptions`). */
import OpenAI, { toFile } from 'openai';
import type { Transcriber } from './transcriber.js';

export interface OpenAiTranscriberConfig {
  /** null: the SDK's default endpoint. */
  baseUrl: string | null;
  /** null: a local endpoint that needs no key. */
  apiKey: string | null;
  model: string;
  /** Per request, ms. Default 120 000. */
  timeoutMs?: number;
}

export function openAiTranscriber(config: OpenAiTranscriberConfig): Transcriber {
  const client = new OpenAI({
    apiKey: config.apiKey ?? 'no-key',
    ...(config.baseUrl === null ? {} : { baseURL: config.baseUrl }),
    timeout: config.timeoutMs ?? 120_000,
    // the parse job retries; a second layer of retries only delays a person
    maxRetries: 0,
  });
  return {
    async transcribe(audio, input) {
      const file = await toFile(audio, input.filename, { type: input.contentType });
      const result = await client.audio.transcriptions.create({ file, model: config.model });
      return { text: result.text.trim(), model: config.model };
    },
  };
}
