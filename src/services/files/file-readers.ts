/** The file readers a worker uses, built from the config (docs/files.md). */
import type { FrozenConfig } from '../../config/index.js';
import { downloadCloudMedia } from '../../channels/whatsapp-cloud/download-cloud-media.js';
import { tesseractOcr } from '../../files/ocr/tesseract-ocr.js';
import { openAiTranscriber } from '../../files/speech/openai-transcriber.js';
import type { FileReaders } from './read-inbound-files.js';

export function fileReadersFromConfig(
  config: Pick<FrozenConfig, 'files' | 'whatsappCloud'>,
): FileReaders {
  const { files, whatsappCloud } = config;
  return {
    limits: { ...files.maxBytes },
    ocr: tesseractOcr({ command: files.ocr.command, languages: files.ocr.languages }),
    minConfidence: files.ocr.minConfidence,
    transcriber: files.transcription === null ? null : openAiTranscriber(files.transcription),
    cloudMedia:
      whatsappCloud === null
        ? null
        : (mediaId, maxBytes) => downloadCloudMedia(whatsappCloud, mediaId, maxBytes),
  };
}
