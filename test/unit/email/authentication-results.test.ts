import { describe, expect, it } from 'vitest';
import { checkSenderAuth } from '../../../src/channels/email/authentication-results.js';

const h = (value: string) => ({
  key: 'authentication-results',
  line: `Authentication-Results: ${value}`,
});

describe('checkSenderAuth', () => {
  it('holds a mail whose topmost header says dmarc=fail', () => {
    const r = checkSenderAuth({
      headers: [
        h(
          'mx.ours.test; spf=fail smtp.mailfrom=shop.test; dkim=none; dmarc=fail (p=reject) header.from=shop.test',
        ),
      ],
      authservId: null,
    });
    expect(r.dmarc).toBe('fail');
    expect(r.hold).toMatch(/failed DMARC.*mx\.ours\.test/);
  });

  it('lets a passing mail through, comments and folding included', () => {
    const r = checkSenderAuth({
      headers: [
        {
          key: 'authentication-results',
          line: 'Authentication-Results: mx.ours.test;\r\n dkim=pass (2048-bit key) header.d=shop.test;\r\n spf=pass; dmarc=pass (p=none)',
        },
      ],
      authservId: null,
    });
    expect([r.dkim, r.spf, r.dmarc, r.hold]).toEqual(['pass', 'pass', 'pass', null]);
  });

  it('holds SPF fail without a passing DKIM when there is no DMARC result', () => {
    expect(
      checkSenderAuth({ headers: [h('mx.ours.test; spf=softfail; dkim=fail')], authservId: null })
        .hold,
    ).toMatch(/SPF/);
    expect(
      checkSenderAuth({ headers: [h('mx.ours.test; spf=fail; dkim=pass')], authservId: null }).hold,
    ).toBeNull();
  });

  it('reads only the header stamped by our authserv-id, ignoring one the sender wrote', () => {
    const headers = [
      h('mx.ours.test; dmarc=fail header.from=shop.test'),
      h('forged.example; dmarc=pass header.from=shop.test'),
    ];
    expect(checkSenderAuth({ headers, authservId: 'mx.ours.test' }).hold).not.toBeNull();
    // a sender's own "dmarc=pass" lower down never overrides ours
    expect(
      checkSenderAuth({ headers: [h('forged.example; dmarc=pass')], authservId: 'mx.ours.test' }),
    ).toMatchObject({ authservId: null, hold: null });
  });

  it('has no opinion without an Authentication-Results header', () => {
    expect(checkSenderAuth({ headers: [], authservId: null }).hold).toBeNull();
  });
});
