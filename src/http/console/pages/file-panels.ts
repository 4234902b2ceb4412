/**
 * A message's files on the review page: a photo beside the text the OCR read, with every word
 * boxed (unsure words marked); a voice note with an audio player, its machine transcript if any,
 * and a form to type what the dealer says; an order sheet with what was read; a refused file
 * with why. Every file link is a console path (src/http/console/files/file-routes.ts).
 */
import { formatSize } from '../../../domain/files/file-policy.js';
import type { InboundFileInfo } from '../../../repositories/inbound-file.repository.js';
import { fileReadingSchema, type FileReadingRecord } from '../../../services/files/file-reading.js';
import { MAX_VOICE_TRANSCRIPT_CHARS } from '../../../services/files/submit-voice-transcript.js';
import { html, type SafeHtml } from '../html.js';

export interface FilePanelOptions {
  /** Offer the "type what the dealer says" form (on a message waiting without a draft). */
  transcriptFormFor: { messageId: string; csrf: string } | null;
}

export function filePanels(files: readonly InboundFileInfo[], options: FilePanelOptions): SafeHtml {
  if (files.length === 0) return html``;
  return html`<div class="files">${files.map((f) => filePanel(f, options))}</div>`;
}

function filePanel(file: InboundFileInfo, options: FilePanelOptions): SafeHtml {
  const parsed = fileReadingSchema.safeParse(file.reading);
  const reading = parsed.success ? parsed.data : null;
  const href = `/console/files/${file.id}`;
  const size = file.size_bytes === null ? '' : ` · ${formatSize(Number(file.size_bytes))}`;
  const head = html`<h3 class="small">
    ${label(file)}${file.filename ? html` “${file.filename}”` : ''}
    <span class="muted">${file.sniffed_type ?? file.declared_type ?? ''}${size}</span>
  </h3>`;
  if (file.status === 'refused') {
    return html`<section class="file file-refused" data-file="${file.id}">
      ${head}
      <p class="small">
        Refused (${(file.refusal ?? '').replace('_', ' ')}): ${file.detail ?? ''}. The dealer was
        told; the file is not served.
      </p>
    </section>`;
  }
  if (!file.has_content) {
    return html`<section class="file" data-file="${file.id}">
      ${head}
      <p class="small muted">
        ${file.purged_at ? 'Its bytes were removed after the retention period.' : 'Not downloaded yet.'}
      </p>
      ${readingBlock(file, reading)}
    </section>`;
  }
  if (file.kind === 'voice' || file.kind === 'audio') {
    const form = options.transcriptFormFor;
    return html`<section class="file file-voice" data-file="${file.id}">
      ${head}
      <audio
        controls
        preload="metadata"
        src="${href}"
        aria-label="Voice note from the dealer"
      ></audio>
      ${readingBlock(file, reading)}
      ${
        form
          ? html`<form method="post" action="/console/review/messages/${form.messageId}/transcript">
              <input type="hidden" name="_csrf" value="${form.csrf}" />
              <div class="field">
                <label for="transcript-${file.id}">What the dealer says</label>
                <textarea
                  id="transcript-${file.id}"
                  name="transcript"
                  required
                  maxlength="${MAX_VOICE_TRANSCRIPT_CHARS}"
                  placeholder="Type or paste the order as spoken: products and quantities"
                >
${reading?.type === 'voice' ? (reading.transcript ?? '') : ''}</textarea>
              </div>
              <button type="submit">Read this as the dealer's message</button>
              <p class="hint small">It is read like a typed message; the dealer gets the reply.</p>
            </form>`
          : ''
      }
    </section>`;
  }
  if (file.kind === 'image' && reading?.type === 'ocr') {
    return html`<section class="file file-photo" data-file="${file.id}">
      ${head}
      <div class="ocr-split">
        <figure>
          <svg
            class="ocr-photo"
            width="100%"
            viewBox="0 0 ${reading.width} ${reading.height}"
            role="img"
            aria-label="The photo as read, each word boxed"
          >
            <image href="${href}/read.png" width="${reading.width}" height="${reading.height}" />
            ${reading.words.map(
              (w) =>
                html`<rect
                  class="${w.confidence < reading.min_confidence ? 'ocr-word unsure' : 'ocr-word'}"
                  x="${w.box.x}"
                  y="${w.box.y}"
                  width="${w.box.width}"
                  height="${w.box.height}"
                  fill="none"
                  stroke="${w.confidence < reading.min_confidence ? '#c62828' : '#2e7d32'}"
                  stroke-width="3"
                  ><title>${w.text}: ${Math.round(w.confidence)}%</title></rect
                >`,
            )}
          </svg>
          <figcaption class="small">
            <a href="${href}" target="_blank" rel="noopener">The photo as sent</a> · red boxes:
            words the OCR was unsure of (below ${reading.min_confidence}%)
          </figcaption>
        </figure>
        ${readingBlock(file, reading)}
      </div>
    </section>`;
  }
  return html`<section class="file" data-file="${file.id}">
    ${head}
    <p class="small"><a href="${href}">Open the file</a></p>
    ${readingBlock(file, reading)}
  </section>`;
}

function readingBlock(file: InboundFileInfo, reading: FileReadingRecord | null): SafeHtml {
  if (file.status === 'unreadable') {
    return html`<p class="small">Not read: ${file.detail ?? 'no reason given'}.</p>`;
  }
  if (reading === null) return html``;
  switch (reading.type) {
    case 'sheet':
      return html`<div>
        <p class="small muted">Read as an order sheet: ${reading.lines.length} line(s).</p>
        <pre class="raw">${reading.lines.join('\n')}</pre>
      </div>`;
    case 'ocr':
      return html`<div>
        <p class="small muted">Recognised text (${reading.engine}):</p>
        <pre class="raw ocr-text">${reading.text}</pre>
      </div>`;
    case 'voice':
      return reading.transcript === null
        ? html`<p class="small muted">
            No transcript: listen to it and type what the dealer says.
          </p>`
        : html`<div>
            <p class="small muted">
              Machine transcript (${reading.model ?? ''}): check it against the audio.
            </p>
            <pre class="raw voice-transcript">${reading.transcript}</pre>
          </div>`;
  }
}

function label(file: InboundFileInfo): string {
  if (file.kind === 'image') return 'Photo';
  if (file.kind === 'voice') return 'Voice note';
  if (file.kind === 'audio') return 'Audio';
  return 'File';
}
