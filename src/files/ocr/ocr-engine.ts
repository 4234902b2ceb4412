/**
 * Reading text from a photo, behind one small interface so a cloud OCR can stand in for the
 * local Tesseract (src/files/ocr/tesseract-ocr.ts) without touching the pipeline.
 */

export interface OcrWord {
  text: string;
  /** 0-100, as the engine reports it. */
  confidence: number;
  /** Where the word is, in pixels of the image the engine was given. */
  box: { x: number; y: number; width: number; height: number };
  /** Which line of `text` the word is on (0-based). */
  line: number;
}

export interface OcrResult {
  /** The recognised text, one line per line of the photo. */
  text: string;
  words: OcrWord[];
  /** Size of the image the engine read (the boxes are in it). */
  width: number;
  height: number;
  /** Which engine and languages read it, for the record. */
  engine: string;
}

export interface OcrEngine {
  /** `image`: a PNG or JPEG. Throws when the engine itself fails (not when it finds no text). */
  recognise(image: Buffer): Promise<OcrResult>;
}
