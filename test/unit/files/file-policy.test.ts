/** Which WhatsApp files are taken, from their bytes' type; and what a message says once its files are read. */
import { describe, expect, it } from 'vitest';
import { judgeFile } from '../../../src/domain/files/file-policy.js';
import { readTsv } from '../../../src/files/ocr/tesseract-ocr.js';
import { composeFileMessage } from '../../../src/services/files/compose-file-message.js';
import { triageFiles, unsureWords } from '../../../src/services/files/file-triage.js';

const MB = 1024 * 1024;
const limits = { document: 10 * MB, image: 10 * MB, audio: 16 * MB };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('judgeFile', () => {
  it('takes what the bytes are, whatever the name says', () => {
    expect(
      judgeFile(
        {
          size: 900,
          sniffedType: 'application/pdf',
          isText: false,
          declaredType: 'image/jpeg',
          filename: 'x.jpg',
        },
        limits,
      ),
    ).toEqual({ taken: true, reading: 'sheet', contentType: 'application/pdf' });
    expect(
      judgeFile(
        {
          size: 900,
          sniffedType: 'audio/ogg; codecs=opus',
          isText: false,
          declaredType: null,
          filename: null,
        },
        limits,
      ),
    ).toEqual({ taken: true, reading: 'audio', contentType: 'audio/ogg; codecs=opus' });
  });

  it('takes a CSV only as UTF-8 text declared or named as CSV', () => {
    const csv = {
      size: 40,
      sniffedType: null,
      isText: true,
      filename: 'po.csv',
      declaredType: null,
    };
    expect(judgeFile(csv, limits)).toEqual({
      taken: true,
      reading: 'sheet',
      contentType: 'text/csv',
    });
    expect(judgeFile({ ...csv, isText: false }, limits)).toMatchObject({
      taken: false,
      refusal: 'type_mismatch',
    });
    expect(judgeFile({ ...csv, filename: 'notes.txt' }, limits)).toMatchObject({
      taken: false,
      refusal: 'unsupported_type',
    });
  });

  it('refuses an executable renamed .xlsx as not what it claims', () => {
    expect(
      judgeFile(
        {
          size: 4096,
          sniffedType: 'application/x-msdownload',
          isText: false,
          declaredType: XLSX,
          filename: 'order.xlsx',
        },
        limits,
      ),
    ).toEqual({
      taken: false,
      refusal: 'type_mismatch',
      detail: 'named or declared as order.xlsx but the bytes are application/x-msdownload',
    });
  });

  it('refuses a file over the limit of what it really is', () => {
    expect(
      judgeFile(
        {
          size: 12 * MB,
          sniffedType: 'image/jpeg',
          isText: false,
          declaredType: null,
          filename: null,
        },
        limits,
      ),
    ).toEqual({ taken: false, refusal: 'too_large', detail: '12.0 MB, over the 10.0 MB limit' });
    expect(
      judgeFile(
        {
          size: 12 * MB,
          sniffedType: 'audio/mpeg',
          isText: false,
          declaredType: null,
          filename: null,
        },
        limits,
      ),
    ).toMatchObject({ taken: true, reading: 'audio' });
  });
});

describe('readTsv', () => {
  it('reads Tesseract TSV into lines, words, confidences and boxes', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t800\t300\t-1\t',
      '4\t1\t1\t1\t1\t0\t10\t10\t300\t30\t-1\t',
      '5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t96.5\t2',
      '5\t1\t1\t1\t1\t2\t60\t10\t60\t30\t91\tbox',
      '5\t1\t1\t1\t2\t1\t10\t60\t80\t30\t42.25\tLumx',
    ].join('\n');
    const read = readTsv(tsv);
    expect(read.text).toBe('2 box\nLumx');
    expect(read.width).toBe(800);
    expect(read.words[2]).toEqual({
      text: 'Lumx',
      confidence: 42.25,
      box: { x: 10, y: 60, width: 80, height: 30 },
      line: 1,
    });
  });
});

describe('composeFileMessage and triageFiles', () => {
  const base = { filename: null, refusal: null, detail: null, size: 100, limit: 10 * MB };

  it('puts lines read from a sheet and a photo first, under the sheet marker, then the caption', () => {
    const composed = composeFileMessage({
      caption: 'PFA',
      attachments: [{ kind: 'document', media_id: 'm1' }, { kind: 'image' }],
      files: [
        {
          ...base,
          id: 'f1',
          position: 0,
          kind: 'document',
          status: 'read',
          reading: { type: 'sheet', lines: ['A-1 2'], note: null },
        },
        {
          ...base,
          id: 'f2',
          position: 1,
          kind: 'image',
          status: 'read',
          reading: {
            type: 'ocr',
            text: '3 box B\n',
            words: [
              { text: '3', confidence: 95, box: { x: 0, y: 0, width: 1, height: 1 }, line: 0 },
              { text: 'B', confidence: 40, box: { x: 0, y: 0, width: 1, height: 1 }, line: 0 },
            ],
            width: 10,
            height: 10,
            engine: 'test',
            deskewed_by: 0,
            min_confidence: 80,
          },
        },
      ],
    });
    expect(composed.text).toBe('Order sheet attached:\nA-1 2\n3 box B\n\nPFA');
    expect(composed.reviewHold).toBeNull();
    expect(composed.attachments[0]).toMatchObject({
      kind: 'document',
      media_id: 'm1',
      file_id: 'f1',
      read_as: 'sheet',
    });
    expect(unsureWords(composed.attachments)).toEqual(['B']);
  });

  it('holds a voice note for a person, and a machine transcript too', () => {
    const voice = (transcript: string | null) =>
      composeFileMessage({
        caption: '',
        attachments: [],
        files: [
          {
            ...base,
            id: 'v',
            position: 0,
            kind: 'voice',
            status: 'read',
            reading: { type: 'voice', transcript, model: transcript ? 'stt' : null },
          },
        ],
      });
    expect(voice(null)).toMatchObject({
      text: '',
      reviewHold: 'A voice note: listen to it and type what the dealer says.',
    });
    expect(voice('2 box A')).toMatchObject({
      text: '2 box A',
      reviewHold: expect.stringMatching(/speech-to-text model \(stt\)/),
    });
  });

  it('answers a refused file first, and a message whose files said nothing as one for a person', () => {
    const refused = composeFileMessage({
      caption: 'order',
      attachments: [],
      files: [
        {
          ...base,
          id: 'r',
          position: 0,
          kind: 'document',
          status: 'refused',
          refusal: 'too_large',
          detail: '30.0 MB, over the 10.0 MB limit',
          size: 30 * MB,
          reading: null,
        },
      ],
    });
    expect(
      triageFiles({ attachments: refused.attachments, text_flags: [], review_hold: null }),
    ).toEqual({
      kind: 'refused',
      refusal: 'too_large',
      size: 30 * MB,
      limit: 10 * MB,
      reason: 'a file was refused (too large): 30.0 MB, over the 10.0 MB limit',
    });
    expect(
      triageFiles({
        attachments: [
          {
            kind: 'voice',
            file_id: 'v',
            file_status: 'read',
            refusal: null,
            detail: null,
            size: 1,
            limit: null,
            read_as: 'voice',
            unsure_words: [],
          },
        ],
        text_flags: ['empty'],
        review_hold: 'listen',
      }),
    ).toEqual({ kind: 'for_a_person', voice: true, reason: 'listen' });
    expect(
      triageFiles({
        attachments: [{ kind: 'text-only' }],
        text_flags: ['empty'],
        review_hold: null,
      }),
    ).toBeNull();
  });
});
