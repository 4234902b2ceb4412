/**
 * Speech to text for voice notes, behind one small interface: an OpenAI-compatible endpoint
 * (src/files/speech/openai-transcriber.ts) today, anything else later. A machine transcript is
 * a draft for a person: the order it makes always waits for review with the audio beside it.
 */

export interface Transcript {
  text: string;
  /** Which model wrote it, for the record and the reviewer. */
  model: string;
}

export interface Transcriber {
  /** Throws when the endpoint fails (the job retries; after a few tries a person listens). */
  transcribe(audio: Buffer, input: { filename: string; contentType: string }): Promise<Transcript>;
}
