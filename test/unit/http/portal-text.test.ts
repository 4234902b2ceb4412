import { describe, expect, it } from 'vitest';
import { html } from '../../../src/http/console/html.js';
import { homeBody, portalPage } from '../../../src/http/portal/portal-pages.js';
import {
  PORTAL_TEXT,
  pickPortalLanguage,
  portalText,
  type PortalText,
} from '../../../src/http/portal/portal-text.js';

type Phrases = {
  [
    K in keyof PortalText as PortalText[K] extends (...args: never[]) => unknown ? K : never
  ]: PortalText[K] extends (...args: infer A) => unknown ? A : never;
};

/** Arguments for every phrase function; the type makes a new phrase add its sample here. */
const SAMPLES: Phrases = {
  newLink: [html`<strong>portal link</strong>`],
  limitUsed: [80],
  orderNo: ['42'],
  moreItems: [3],
  dispatchedOn: [{ day: '5 Mar 2026', transporter: 'VRL', lrNumber: '889', vehicle: 'MH12AB1234' }],
  deliveredOn: ['7 Mar 2026'],
  orderPlaced: ['42'],
  noSuchOrder: ['42'],
  perUnit: ['bucket'],
  nudge: [
    {
      missingQty: 2,
      missingMinor: null,
      unit: 'bucket',
      target: 'Interior Emulsion',
      discount: '3%',
    },
  ],
  notAvailable: ['EMU-10L'],
  youSave: ['₹120.00'],
  offerApplied: ['Monsoon scheme', '₹50.00'],
  overCredit: ['₹1,500.00'],
  creditLeft: ['₹20,000.00'],
  quantityOf: ['Interior Emulsion 10L'],
  noMatch: ['xyz'],
  notSoldAnyMore: ['EMU-10L'],
  badQuantity: ['must be a number', 100_000],
  daysLate: [12],
  lastUsed: ['5 Mar 2026'],
  remindersSaved: [true],
};

/** Every text as flat `path → string`, phrase functions called with their sample. */
function flatten(text: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(text)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'function') {
      const args = (SAMPLES as Record<string, unknown[]>)[key];
      if (!args) throw new Error(`no sample arguments for ${path}`);
      const said = (value as (...a: unknown[]) => unknown)(...args);
      out.set(path, String(said));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value as object, path)) out.set(k, v);
    }
  }
  return out;
}

const words = (text: string) => text.trim().split(/\s+/).length;
const DEVANAGARI = /\p{Script=Devanagari}/u;

describe('portal texts', () => {
  const en = flatten(PORTAL_TEXT.en);
  const hi = flatten(PORTAL_TEXT.hi);

  it('has every English key in Hindi and every Hindi key in English', () => {
    expect([...hi.keys()].sort()).toEqual([...en.keys()].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(
      Object.keys(PORTAL_TEXT.en)
        .filter((k) => typeof PORTAL_TEXT.en[k as keyof PortalText] === 'function')
        .sort(),
    );
  });

  it('leaves no Hindi text empty, and writes every sentence in Devanagari', () => {
    for (const [key, text] of hi) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toContain('undefined');
      if (words(en.get(key) ?? '') >= 3) {
        expect(text, key).not.toBe(en.get(key));
        expect(text, key).toMatch(DEVANAGARI);
      }
    }
  });

  it('keeps names, amounts and YES as they are', () => {
    const hiText = PORTAL_TEXT.hi;
    expect(hiText.overCredit('₹1,500.00')).toContain('₹1,500.00');
    expect(hiText.quantityOf('Interior Emulsion 10L')).toContain('Interior Emulsion 10L');
    expect(hiText.status.awaiting_confirmation).toContain('YES');
    expect(hiText.statusNote.awaiting_confirmation).toContain('YES');
    expect(hiText.nudge(SAMPLES.nudge[0])).toContain('2 bucket');
  });

  it('says the English nudge as before', () => {
    expect(PORTAL_TEXT.en.nudge(SAMPLES.nudge[0])).toBe(
      'Add 2 more bucket of Interior Emulsion to get 3% off.',
    );
    expect(
      PORTAL_TEXT.en.nudge({ ...SAMPLES.nudge[0], missingQty: null, missingMinor: 500_00n }),
    ).toBe('Add ₹500.00 more of Interior Emulsion to get 3% off.');
  });
});

describe('pickPortalLanguage', () => {
  it.each([
    ['hi', 'en', 'hi'],
    ['en', 'hi', 'en'],
    ['en', 'hi-IN', 'en'],
    [undefined, 'hi', 'hi'],
    [undefined, 'hi-IN', 'hi'],
    [undefined, 'en', 'en'],
    [undefined, 'mr', 'en'],
    [undefined, null, 'en'],
    [undefined, undefined, 'en'],
    ['fr', 'hi', 'hi'],
    ['', 'en', 'en'],
    ['HI', undefined, 'en'],
  ] as const)('cookie %s, dealer %s → %s', (cookie, dealer, expected) => {
    expect(pickPortalLanguage(cookie, dealer)).toBe(expected);
  });
});

describe('a page in Hindi', () => {
  it('renders the home page with lang="hi", Hindi words and nothing undefined', () => {
    const t = portalText('hi');
    const page = portalPage(
      {
        dealerName: 'Shree Ganesh Paints',
        dealerCode: 'D101',
        csrf: 'csrf-token',
        tab: 'home',
        title: t.home,
        t,
        lang: 'hi',
      },
      homeBody(
        {
          credit: {
            dealerCode: 'D101',
            limitMinor: 2_50_000_00n,
            outstandingMinor: 42_000_00n,
            openOrdersMinor: 10_000_00n,
            exposureMinor: 52_000_00n,
            availableMinor: 1_98_000_00n,
          },
          attention: [
            {
              id: 'o1',
              orderNo: 12n,
              status: 'held_credit',
              totalMinor: 27_900_00n,
              createdAt: new Date('2026-03-05T06:00:00Z'),
              lineCount: 4,
              firstItems: ['Interior Emulsion Brilliant White 10L'],
            },
          ],
          recent: [
            {
              id: 'o2',
              orderNo: 11n,
              status: 'delivered',
              totalMinor: 5_580_00n,
              createdAt: new Date('2026-02-20T06:00:00Z'),
              lineCount: 1,
              firstItems: ['Exterior Emulsion White 20L'],
            },
          ],
          overdueMinor: 5_000_00n,
        },
        t,
      ),
    );
    expect(page).toContain('<html lang="hi">');
    expect(page).toContain('क्रेडिट होल्ड पर');
    expect(page).toContain('नया ऑर्डर');
    expect(page).toContain('मार्च 2026');
    expect(page).toContain('और 3 अन्य');
    expect(page).toContain('Interior Emulsion Brilliant White 10L');
    expect(page).toContain('href="/portal/lang/en"');
    expect(page).not.toContain('href="/portal/lang/hi"');
    expect(page).not.toContain('undefined');
    expect(page).not.toMatch(/Sign out|New order|Credit available/);
  });
});
