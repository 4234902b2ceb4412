import { describe, expect, it } from 'vitest';
import { parseRequestSchema } from '../../parsers/types.js';

describe('parseRequestSchema (one input line of the parse command)', () => {
  it('accepts a valid WhatsApp line', () => {
    const result = parseRequestSchema.safeParse({
      id: 'm1',
      channel: 'whatsapp',
      from: '+919812345678',
      text: '2 drums primer white 20L',
    });
    expect(result.success).toBe(true);
  });

  it('rejects a line missing text', () => {
    const result = parseRequestSchema.safeParse({
      id: 'm1',
      channel: 'whatsapp',
      from: '+919812345678',
    });
    expect(result.success).toBe(false);
  });

  it('rejects an unknown channel', () => {
    const result = parseRequestSchema.safeParse({
      id: 'm1',
      channel: 'fax',
      from: 'x',
      text: 'hi',
    });
    expect(result.success).toBe(false);
  });
});
