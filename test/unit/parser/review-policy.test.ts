/**
 * The review policy on its own: a draft and the text it came from in, a decision out. Drafts are
 * written by hand here, so each refusal is shown independently of how the readers behave.
 */
import { tokenize } from '../../../parsers/text/tokenize.js';
import {
  consonantKey,
  namesInScript,
  spelledInScript,
} from '../../../parsers/review/script-framing.js';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REFUSAL_CODES,
  decideReview,
  type DraftOrder,
  type Intent,
  type RefusalCode,
  type ReviewInput,
} from '../../../parsers/index.js';
import { CLOSED_CLASSES } from '../../../parsers/lexicon/closed-classes.js';
import {
  ATTACHMENT_FRAMING,
  FRAMING,
  FROM_AFTER_NAME,
  GREETINGS_WITH_NUMBER_WORDS,
  PHONE_NOTE,
} from '../../../parsers/lexicon/framing.js';
import { CARDINAL_WORDS, CARDINALS } from '../../../parsers/lexicon/numbers.js';
import {
  BILL_TO,
  NOTE_WHEN_WORDS,
  NOTE_WORDS,
  PAYMENT_WORDS,
  BILLING_NOTE_WORDS,
  BILLING_WORDS,
} from '../../../parsers/lexicon/payment-notes.js';
import { wordSet } from '../../../parsers/lexicon/lexicon.js';
import {
  ADDRESS_NUMBER_WORDS,
  DELIVERY_NOTE_WORDS,
  DELIVERY_WORDS,
} from '../../../parsers/lexicon/delivery-notes.js';
import {
  linesOf,
  loadWorld,
  refusalsOf,
  worldFromCsv,
  type ParserWorld,
} from '../../support/parser-fixtures.js';

const paints = loadWorld('paints');
const VERMA = '+919811100001';
const verma = paints.directory.byCode.get('h01')!;
const rep = paints.directory.reps[0]!;

/** The words of these closed classes found among `words`, by class (classes with none left out). */
function closedWordsAmong(
  words: ReadonlySet<string>,
  classes: Partial<typeof CLOSED_CLASSES> = CLOSED_CLASSES,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(classes)
      .map(([cls, list]) => [cls, [...wordSet(list!)].filter((w) => words.has(w))] as const)
      .filter(([, found]) => found.length > 0),
  );
}

/** One line of a hand-written draft: "SKU xQTY @ source". */
function draft(dealer: string | null, ...lines: [sku: string, qty: number, source: string][]) {
  return [{ dealer, lines: lines.map(([sku, qty, source]) => ({ sku, qty, source })) }];
}

function decide(
  text: string,
  orders: DraftOrder[],
  more: Partial<Omit<ReviewInput, 'lines'>> = {},
): RefusalCode[] {
  return decideIn(paints, verma)(text, orders, more);
}

/** The policy's refusals for a dealer's draft in a world of its own. */
function decideIn(world: ParserWorld, dealer: typeof verma) {
  return (
    text: string,
    orders: DraftOrder[],
    more: Partial<Omit<ReviewInput, 'lines'>> = {},
  ): RefusalCode[] => {
    const decision = decideReview({
      catalog: world.catalog,
      directory: world.directory,
      channel: 'whatsapp',
      intent: 'order',
      intentClear: true,
      intentMixed: false,
      lines: text.split('\n').map((line) => ({ text: line })),
      subject: null,
      orders,
      doubts: [],
      sender: { kind: 'dealer', dealer },
      ...more,
    });
    expect(decision.needsReview).toBe(decision.refusals.length > 0);
    return decision.refusals.map((r) => r.code);
  };
}

/** The policy in a world of one shop (Q01, Mithas Stores) and these catalog rows. */
function oneShop(...rows: string[]) {
  const world = worldFromCsv(
    ['sku,name,unit,pack_size,piece_unit,price,aliases,brand,category', ...rows].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Mithas Stores,+919800000083,,South,RETAIL,,0.00',
    ].join('\n'),
  );
  return decideIn(world, world.directory.byCode.get('q01')!);
}

const BISON = 'PNT-BRG-W20';
const PRIMER = 'PRM-APW-20';

describe('the review policy', () => {
  it('lets a draft through when every word and number is accounted for', () => {
    expect(
      decide('Hi sir, pls send bison 5 bag. Thanks 🙏', draft('H01', [BISON, 5, 'bison 5 bag'])),
    ).toEqual([]);
    expect(
      decide(
        'Namaste ji\n1. bison 5 bag\n2. primer 2 bucket\nVerma Hardware',
        draft('H01', [BISON, 5, 'bison 5 bag'], [PRIMER, 2, 'primer 2 bucket']),
      ),
    ).toEqual([]);
    // "ek kaam karo" (do one thing): one of nothing sold
    expect(
      decide('Ek kaam karo, bison 5 bag bhejo', draft('H01', [BISON, 5, 'bison 5 bag'])),
    ).toEqual([]);
    // "to us"/"our" in Bengali, Punjabi, Marathi, Malayalam: framing, as "our" is in English
    for (const lead of ['Amader', 'Saanu', 'Aamhala', 'Njangalkku'])
      expect(decide(`${lead} bison 5 bag`, draft('H01', [BISON, 5, 'bison 5 bag'])), lead).toEqual(
        [],
      );
  });

  it('refuses a line drafted for another dealer than the one named just before it', () => {
    const text =
      'Verma Hardware: bison 5 bag\nNew India Paint House: primer 2 bucket\nVerma, bison 2 bag';
    const verma = (...more: [string, number, string][]) =>
      draft('H01', [BISON, 5, 'bison 5 bag'], ...more);
    const asRep = { sender: { kind: 'rep' as const, rep } };
    expect(
      decide(
        text,
        [...verma(), ...draft('H02', [PRIMER, 2, 'primer 2 bucket'], [BISON, 2, 'bison 2 bag'])],
        asRep,
      ),
    ).toContain('other_dealer_named');
    expect(
      decide(
        text,
        [...verma([BISON, 2, 'bison 2 bag']), ...draft('H02', [PRIMER, 2, 'primer 2 bucket'])],
        asRep,
      ),
    ).not.toContain('other_dealer_named');
  });

  // Every refusal code, each with a draft that shows it.
  const cases: [RefusalCode, () => RefusalCode[]][] = [
    [
      'reader_doubt',
      () =>
        decide('putty bag', [], {
          doubts: [{ code: 'missing_quantity', message: 'No quantity.', source: 'putty bag' }],
        }),
    ],
    [
      'unexplained_words',
      () =>
        decide('bison 5 bag\nzorvikpel dribex quanmol', draft('H01', [BISON, 5, 'bison 5 bag'])),
    ],
    [
      'unexplained_number',
      () => decide('bison 5 bag\n318', draft('H01', [BISON, 5, 'bison 5 bag'])),
    ],
    [
      'closed_class_word',
      () => decide('bison 5 bag nahi chahiye', draft('H01', [BISON, 5, 'bison 5 bag'])),
    ],
    [
      'product_word_outside_lines',
      () => decide('bison 5 bag aur primer bhi', draft('H01', [BISON, 5, 'bison 5 bag'])),
    ],
    ['line_not_located', () => decide('bison 5 bag', draft('H01', [PRIMER, 5, 'primer 5 bucket']))],
    [
      'line_word_not_of_product',
      () => decide('bison gold 5 bag', draft('H01', [BISON, 5, 'bison gold 5 bag'])),
    ],
    [
      'size_not_of_product',
      () => decide('bison 10kg 5 bag', draft('H01', [BISON, 5, 'bison 10kg 5 bag'])),
    ],
    [
      'line_not_singled_out',
      () => decide('apex white 2 bucket', draft('H01', ['PNT-APX-W20', 2, 'apex white 2 bucket'])),
    ],
    ['line_borrows_product', () => decide('5 bag', draft('H01', [BISON, 5, '5 bag']))],
    [
      'quantity_unreadable',
      () => decide('bison 5 6 bag', draft('H01', [BISON, 6, 'bison 5 6 bag'])),
    ],
    ['quantity_disagrees', () => decide('bison 5 bag', draft('H01', [BISON, 6, 'bison 5 bag']))],
    ['dealer_unresolved', () => decide('bison 5 bag', draft(null, [BISON, 5, 'bison 5 bag']))],
    [
      'dealer_ambiguous',
      () =>
        decide('Verma ka order\nbison 5 bag', draft('H01', [BISON, 5, 'bison 5 bag']), {
          sender: { kind: 'rep', rep: { ...rep, name: 'Anil Verma' } },
        }),
    ],
    [
      'other_dealer_named',
      () => decide('Shiv Sanitary ke liye: bison 5 bag', draft('H01', [BISON, 5, 'bison 5 bag'])),
    ],
    [
      'intent_mixed',
      () => decide('bison 5 bag', draft('H01', [BISON, 5, 'bison 5 bag']), { intentMixed: true }),
    ],
    ['no_lines', () => decide('order please', [])],
    ['intent_unclear', () => decide('hmm', [], { intent: 'other', intentClear: false })],
    [
      'products_in_non_order',
      () => decide('bison ka order kab aayega', [], { intent: 'order_status' }),
    ],
    ['quantities_in_non_order', () => decide('5 bag wapas le jao', [], { intent: 'other' })],
    [
      'intent_cues_disagree',
      () => decide('balance kitna hai aur order kab aayega', [], { intent: 'balance' }),
    ],
  ];

  it('has an example for every refusal code', () => {
    expect(cases.map(([code]) => code).sort()).toEqual([...REFUSAL_CODES].sort());
  });

  it.each(cases)('refuses with %s', (code, run) => {
    expect(run()).toContain(code);
  });

  it('reads a line under a heading line ending in ":" again with the heading', () => {
    const text = 'Havells wire 1.5 sqmm:\n- red 5 coil\n- black 3 coil';
    expect(
      decide(
        text,
        draft(
          'H01',
          ['WIR-HVL-15R', 5, 'Havells wire 1.5 sqmm: - red 5 coil'],
          ['WIR-HVL-15B', 3, 'Havells wire 1.5 sqmm: - black 3 coil'],
        ),
      ),
    ).toEqual([]);
  });

  it('reads whole lines right under a heading line without a colon, one after another', () => {
    const red = ['WIR-HVL-15R', 5, 'Havells wire 1.5 sqmm red 5 coil'] as [string, number, string];
    const black = ['WIR-HVL-15B', 3, 'Havells wire 1.5 sqmm black 3 coil'] as typeof red;
    expect(
      decide('Havells wire 1.5 sqmm\nred 5 coil\nblack 3 coil', draft('H01', red, black)),
    ).toEqual([]);
    // another line between: "black" is no longer under the heading
    expect(
      decide(
        'Havells wire 1.5 sqmm\nred 5 coil\nbison 5 bag\nblack 3 coil',
        draft('H01', red, [BISON, 5, 'bison 5 bag'], black),
      ),
    ).toContain('line_not_located');
    // and the line must begin with the words it adds
    expect(decide('Havells wire 1.5 sqmm\nalso red 5 coil', draft('H01', red))).toContain(
      'line_not_located',
    );
  });

  it('reads a line that says only its size and count with the words it carries from the line before', () => {
    const big = ['PTY-BRK-40', 5, 'Birla putty 40kg 5 bag'] as [string, number, string];
    const small = ['PTY-BRK-20', 3, 'Birla putty 20kg 3 bag'] as typeof big;
    expect(decide('Birla putty 40kg 5 bag, 20kg 3 bag', draft('H01', big, small))).toEqual([]);
    expect(decide('Birla putty 40kg 5 bag\n20kg 3 bag', draft('H01', big, small))).toEqual([]);
    // carried only from the mention right before it, in the same order
    expect(
      decide(
        'Birla putty 40kg 5 bag\nbison 2 bag\n20kg 3 bag',
        draft('H01', big, [BISON, 2, 'bison 2 bag'], small),
      ),
    ).toContain('line_not_located');
    // the carried words and its own must still name its product: "10kg" is no size of it
    expect(
      decide(
        'Birla putty 40kg 5 bag, 10kg 3 bag',
        draft('H01', big, ['PTY-BRK-40', 3, 'Birla putty 10kg 3 bag']),
      ),
    ).toContain('size_not_of_product');
  });

  it('finds a line whose words a speaker broke with "uh", the reader having dropped it', () => {
    const bison = (source: string) => draft('H01', [BISON, 5, source]);
    expect(decide('bison... uh... 5 bag', bison('bison... 5 bag'))).toEqual([]);
    expect(decide('uh bison 5 bag', bison('uh bison 5 bag'))).toEqual([]);
    // any other word between still breaks it
    expect(decide('bison... acha... 5 bag', bison('bison... 5 bag'))).toContain('line_not_located');
  });

  it('takes a later "make" mention of a line as its quantity set anew, not added', () => {
    const said = (text: string, qty: number, ...sources: string[]) =>
      decide(text, draft('H01', [BISON, qty, sources.join(' | ')]));
    const text = 'bison 5 bag, primer 2 bucket\nP.S. make bison 8 bag';
    const order = (qty: number) =>
      draft(
        'H01',
        [BISON, qty, 'bison 5 bag | P.S. make bison 8 bag'],
        [PRIMER, 2, 'primer 2 bucket'],
      );
    expect(decide(text, order(8))).toEqual([]);
    expect(decide(text, order(13))).toContain('quantity_disagrees');
    expect(
      said('bison 5 bag. bison make it 8 bag', 8, 'bison 5 bag', 'bison make it 8 bag'),
    ).toEqual([]);
    // "more", "also": added, or set anew?
    expect(
      said('bison 5 bag. make bison 8 more bag', 8, 'bison 5 bag', 'make bison 8 more bag'),
    ).toContain('quantity_disagrees');
    // a "make" before the first mention sets nothing
    expect(said('make bison 5 bag. bison 8 bag', 8, 'make bison 5 bag', 'bison 8 bag')).not.toEqual(
      [],
    );
  });

  it('takes "orders from today\'s beat" for framing, and no other "from"', () => {
    const order = draft('H01', [BISON, 5, 'bison 5 bag']);
    expect(decide("Orders from today's beat:\nbison 5 bag", order)).toEqual([]);
    expect(decide('Order from field visit -\nbison 5 bag', order)).toEqual([]);
    expect(decide('Order from the godown:\nbison 5 bag', order)).toContain('unexplained_words');
  });

  it('reads a count taken back right after a line ("5 bag.. nahi 6 bag bhejo") as the count meant', () => {
    const said = (text: string, qty: number) =>
      decide(text, draft('H01', [BISON, qty, 'bison 5 bag']));
    expect(said('bison 5 bag.. nahi 6 bag bhejo', 6)).toEqual([]);
    expect(said('bison 5 bag... sorry 6', 6)).toEqual([]);
    expect(said('bison 5 bag. Nahi nahi, 6 kar do', 6)).toEqual([]);
    // the draft kept the count taken back
    expect(said('bison 5 bag.. nahi 6 bag bhejo', 5)).toContain('quantity_disagrees');
    // two things said ("don't … no, 6"), or more words after the count: a person reads it
    expect(said('bison 5 bag nako nahi 6 bag', 6)).not.toEqual([]);
    expect(said('bison 5 bag, nahi 6 bag primer', 6)).not.toEqual([]);
  });

  it('asks whether a bare count after a comma and a bare size is the next size of a list', () => {
    expect(
      decide('Birla putty 40, 5', draft('H01', ['PTY-BRK-40', 5, 'Birla putty 40, 5'])),
    ).toContain('quantity_unreadable');
    expect(
      decide('Birla putty 40kg, 5 bag', draft('H01', ['PTY-BRK-40', 5, 'Birla putty 40kg, 5 bag'])),
    ).toEqual([]);
  });

  it('asks which counts when a line counts pieces and also names the sales unit', () => {
    const mcb = 'MCB-HVL-16';
    expect(
      decide('havells mcb 16A 24 pcs box', draft('H01', [mcb, 2, 'havells mcb 16A 24 pcs box'])),
    ).toContain('quantity_unreadable');
    // counted in the sales unit itself: nothing to choose
    expect(
      decide('havells mcb 16A 2 box', draft('H01', [mcb, 2, 'havells mcb 16A 2 box'])),
    ).toEqual([]);
  });

  it('counts pieces through the pack size, and asks when a bare count could be pieces', () => {
    const mcb = 'MCB-HVL-16';
    expect(
      decide('havells mcb 16A 24 pcs', draft('H01', [mcb, 2, 'havells mcb 16A 24 pcs'])),
    ).toEqual([]);
    expect(decide('havells mcb 16A 24', draft('H01', [mcb, 24, 'havells mcb 16A 24']))).toContain(
      'quantity_unreadable',
    );
    expect(decide('havells mcb 16A 5', draft('H01', [mcb, 5, 'havells mcb 16A 5']))).toEqual([]);
    // as big as a pack and not a whole number of packs: 30 pieces (2.5 boxes) or 30 boxes?
    expect(decide('havells mcb 16A 30', draft('H01', [mcb, 30, 'havells mcb 16A 30']))).toContain(
      'quantity_unreadable',
    );
  });

  it('reads the product’s own number as the count once its size is said apart', () => {
    // the 20 kg said with its unit is the size; the 20 said again is the count
    const line = 'bison 20 kg 20';
    expect(decide(line, draft('H01', [BISON, 20, line]))).toEqual([]);
    expect(decide('bison 20 - 20', draft('H01', [BISON, 20, 'bison 20 - 20']))).toEqual([]);
    // said once, the 20 is still the size or the count: a person asks
    expect(decide('bison 20', draft('H01', [BISON, 20, 'bison 20']))).toContain(
      'quantity_unreadable',
    );
    expect(decide(line, draft('H01', [BISON, 2, line]))).not.toEqual([]);
  });

  it('reads "be" and "don" (two) only with a unit of the product right after them', () => {
    expect(decide('bison be bag', draft('H01', [BISON, 2, 'bison be bag']))).toEqual([]);
    expect(decide('bison don bag', draft('H01', [BISON, 2, 'bison don bag']))).toEqual([]);
    expect(decide('bison don', draft('H01', [BISON, 2, 'bison don']))).not.toEqual([]);
    expect(decide('don bison 2 bag', draft('H01', [BISON, 2, 'don bison 2 bag']))).not.toEqual([]);
  });

  it('takes "repeat the same order as below" over the order written below it for framing', () => {
    const line = draft('H01', [BISON, 5, 'bison 5 bag']);
    expect(decide('Please repeat the same order as below.\nbison 5 bag', line)).toEqual([]);
    // an order not in the message, or words beside it, still point back
    for (const text of [
      'Please repeat the same order.\nbison 5 bag',
      'Repeat last order as below.\nbison 5 bag',
      'Repeat the same order as below and the pending one.\nbison 5 bag',
      'bison 5 bag\nrepeat the same as below',
    ])
      expect(decide(text, line)).toContain('closed_class_word');
  });

  it('gives a line with no count of its own the count its sentence gives each', () => {
    const two = (a: number, b: number, text: string, sa: string, sb: string) =>
      decide(text, draft('H01', [BISON, a, sa], [PRIMER, b, sb]));
    expect(two(5, 5, '5 each of bison, primer', '5 each of bison', 'primer')).toEqual([]);
    expect(two(3, 3, 'bison, primer - 3 each', 'bison', 'primer - 3 each')).toEqual([]);
    // another sentence, a price, or a count the draft does not have
    expect(two(5, 5, '5 each of bison. primer', '5 each of bison', 'primer')).toContain(
      'quantity_unreadable',
    );
    expect(
      two(5, 5, 'bison 5 bag, primer @ Rs 5 each', 'bison 5 bag', 'primer @ Rs 5 each'),
    ).not.toEqual([]);
    expect(two(5, 4, '5 each of bison, primer', '5 each of bison', 'primer')).toContain(
      'quantity_disagrees',
    );
  });

  it('takes a framing word written in an Indian script, spelt its own way, for framing', () => {
    const line = (text: string) => decide(text, draft('H01', [BISON, 5, 'bison 5 bag']));
    // "mokalajo" and "namaskaaram" for the lexicon's "mokaljo" and "namaskaram"
    expect(line('bison 5 bag મોકલજો')).toEqual([]);
    expect(line('നമസ്കാരം bison 5 bag')).toEqual([]);
    // a closed-class word in a script is never framing; an unknown word stays unexplained
    expect(line('bison 5 bag नहीं')).toContain('closed_class_word');
    expect(line('bison 5 bag ਗਲਤ')).not.toEqual([]);
  });

  it('takes a held letter of a greeting and "as well" for framing, nothing more', () => {
    const line = (text: string) => decide(text, draft('H01', [BISON, 5, 'bison 5 bag']));
    expect(line('Hiii 😊 bison 5 bag')).toEqual([]);
    expect(line('pls add bison 5 bag as well')).toEqual([]);
    expect(line('hiiix bison 5 bag')).toContain('unexplained_words');
    expect(line('bison 5 bag well')).toContain('unexplained_words');
  });

  it('reads two number words that make one number ("twenty four", "do sau") as one quantity', () => {
    expect(
      decide('bison twenty four bag', draft('H01', [BISON, 24, 'bison twenty four bag'])),
    ).toEqual([]);
    expect(decide('bison do sau bag', draft('H01', [BISON, 200, 'bison do sau bag']))).toEqual([]);
    // a reading that disagrees, or three number words, is still refused
    expect(
      decide('bison twenty four bag', draft('H01', [BISON, 20, 'bison twenty four bag'])),
    ).not.toEqual([]);
    expect(
      decide('bison twenty four five bag', draft('H01', [BISON, 24, 'bison twenty four five bag'])),
    ).not.toEqual([]);
  });

  it('names the sender where people write their own name, nowhere else', () => {
    const line = draft('H01', [BISON, 5, 'bison 5 bag']);
    expect(decide('This is Ramesh from Verma Hardware. bison 5 bag', line)).toEqual([]);
    expect(decide('bison 5 bag\nThanks, Ramesh', line)).toEqual([]);
    // with a title
    expect(decide('Dr Mehta here. bison 5 bag', line)).toEqual([]);
    expect(decide('bison 5 bag. Thanks - Dr. Kiran', line)).toEqual([]);
    expect(decide('Dr zorvik bison 5 bag', line)).toContain('unexplained_words');
    // Bengali "ekta order": an order, one of nothing sold
    expect(decide('Amar ekta order. bison 5 bag', line)).toEqual([]);
    expect(decide('bison 5 bag\nramesh kumar sahu', line)).toContain('unexplained_words');
  });

  it('never lets a line of made-up words through, whatever they are', () => {
    const syllables = [
      'zor',
      'vik',
      'pel',
      'quan',
      'dri',
      'mol',
      'sep',
      'gun',
      'bex',
      'lof',
      'nad',
      'kri',
    ];
    const word = fc
      .array(fc.constantFrom(...syllables), { minLength: 2, maxLength: 3 })
      .map((s) => s.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const text = `bison 5 bag\n${words.join(' ')}`;
        expect(decide(text, draft('H01', [BISON, 5, 'bison 5 bag']))).not.toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('sends the reader’s whole draft through the same decision', () => {
    const r = paints.parse({ from: VERMA, text: 'bison 5 bag' });
    expect(linesOf(r)).toEqual(['H01 PNT-BRG-W20 x5']);
    expect(refusalsOf(r)).toEqual([]);
    expect(r.needs_review).toBe(false);
    const negated = paints.parse({ from: VERMA, text: 'bison 5 bag\nprimer 2 bucket mat bhejna' });
    expect(negated.needs_review).toBe(true);
  });
});

describe('a signature block', () => {
  const base = 'bison 5 bag\nprimer 2 bucket';
  const decide = (closing: string) =>
    paints.parse({ from: VERMA, channel: 'email', text: `${base}\n\n${closing}` });

  it('names the sender and where the shop is when it names the dealer', () => {
    expect(decide('Ramesh Kumar\nVerma Hardware, Karol Bagh 110005').needs_review).toBe(false);
    expect(decide('Ramesh Kumar\nVerma Hardware\n9811100001').needs_review).toBe(false);
    // the sender's title or department under the name
    expect(decide('Ramesh Kumar\nPurchase Dept.\nVerma Hardware').needs_review).toBe(false);
  });

  it('explains nothing without the dealer’s name, nor a line with another trading name', () => {
    expect(refusalsOf(decide('Ramesh Kumar\n9811100001'))).toContain('unexplained_words');
    expect(decide('Verma Hardware\nSharma Stores').needs_review).toBe(true);
    expect(decide('Ramesh Kumar\nVerma Hardware\nnot primer').needs_review).toBe(true);
  });

  it('is read in a paragraph of its own above the order too, as when forwarding one', () => {
    const above = (signed: string) =>
      paints.parse({ from: VERMA, channel: 'email', text: `pls process.\n\n${signed}\n\n${base}` });
    expect(above('Ramesh Kumar\nVerma Hardware').needs_review).toBe(false);
    expect(above('Ramesh Kumar').needs_review).toBe(true);
    expect(above('Ramesh Kumar\nSharma Stores').needs_review).toBe(true);
  });
});

describe('on a call', () => {
  const call = (text: string) =>
    paints.parse({ channel: 'transcript', from: '+919811100001', text });
  const base = 'Caller: Verma Hardware se. bison 5 bag, primer 2 bucket.';

  it('explains the agent’s name from the greeting, said back by the caller', () => {
    expect(call(`Agent: Sunrise Paints, Pooja speaking.\n${base}`).needs_review).toBe(false);
    expect(
      call(`Agent: Sunrise Paints, Pooja speaking.\nCaller: Pooja ji, ${base.slice(8)}`)
        .needs_review,
    ).toBe(false);
    // a name nobody gave is still unexplained
    expect(call(`Agent: Sunrise Paints.\nCaller: Pooja ji, ${base.slice(8)}`).needs_review).toBe(
      true,
    );
  });

  it('explains a caller’s "yes, 2 bucket" for a quantity on a line, and nothing else', () => {
    const said = (turn: string) =>
      call(`Agent: Namaste.\n${base}\nAgent: Primer 2 bucket?\nCaller: ${turn}`);
    expect(said('Haan, 2 bucket.').needs_review).toBe(false);
    expect(said('Haan, 3 bucket.').needs_review).toBe(true);
    expect(said('Nahi, 2 bucket.').needs_review).toBe(true);
    // the number said as a word
    expect(said('Haan, do bucket.').needs_review).toBe(false);
    expect(said('Haan, teen bucket.').needs_review).toBe(true);
  });

  it('takes a closing "nahi bas" / "No, that\'s all" for framing, never a "nahi" that takes back', () => {
    const closing = (turn: string) =>
      call(`Agent: Namaste.\n${base}\nAgent: Aur kuch?\nCaller: ${turn}`).needs_review;
    expect(closing('Nahi bas.')).toBe(false);
    expect(closing("No, that's all.")).toBe(false);
    expect(closing('Aur kuch nahi ji.')).toBe(false);
    expect(closing('Nahi, primer nahi.')).toBe(true);
    expect(closing('No, that is all wrong.')).toBe(true);
    // a sentence of its own that closes the list, before another sentence
    expect(closing('Nahi bas. Payment kal karenge.')).toBe(false);
    expect(closing('Nahi. Bas primer nahi.')).toBe(true);
  });

  it('reads a line before the first turn, or a heading with nothing after its colon', () => {
    const agent = 'Agent: Sunrise Paints, Pooja speaking.';
    expect(call(`${agent}\n${base}`).needs_review).toBe(false);
    expect(call(`Return for credit note:\n${agent}\n${base}`).needs_review).toBe(true);
    expect(call(`[00: Return for credit note\n${agent}\n${base}`).needs_review).toBe(true);
  });

  it('explains where the dealer is, said right after its name outside every line', () => {
    expect(call(`Agent: Namaste.\nCaller: Verma Hardware, Karol Bagh.\n${base}`).needs_review).toBe(
      false,
    );
  });
});

describe('the dealer’s initials', () => {
  it('explain the dealer named by the initials of a three-word name, and no other letters', () => {
    const from = '+919811100002'; // New India Paint House
    const base = 'bison 5 bag\nprimer 2 bucket';
    expect(paints.parse({ from, text: base }).needs_review).toBe(false);
    expect(paints.parse({ from, text: `NIPH order\n${base}` }).needs_review).toBe(false);
    expect(paints.parse({ from, text: `NIPX order\n${base}` }).needs_review).toBe(true);
  });
});

describe('the dealer’s name written in a script', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);

  it('is the dealer when its consonants are the name’s', () => {
    expect(decide('bison 5 bag. - वर्मा हार्डवेयर', order)).toEqual([]);
    expect(decide('bison 5 bag\nவர்மா ஹார்ட்வேர்', order)).toEqual([]);
  });

  it('is no other shop’s name, and never a closed-class word', () => {
    expect(decide('bison 5 bag. - शर्मा हार्डवेयर', order)).toContain('unexplained_words');
    expect(consonantKey('verma')).toBe(consonantKey(tokenize('वर्मा')[0]!.norm));
    expect(namesInScript(tokenize('नहीं')[0]!, new Set(['nahin', 'nhn']))).toBe(false);
  });
});

describe('a unit word the product’s name writes', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'BRD-1,Rear Brake Drum,piece,1,pcs,450.00,,Tarko,Brakes',
      'GRS-1,Tarko Grease 1kg,piece,1,pcs,300.00,,Tarko,Lubes',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Jal Motors,+919800000061,,East,RETAIL,,0.00',
    ].join('\n'),
  );
  const say = decideIn(world, world.directory.byCode.get('q01')!);

  it('is the name before the count, not the count’s unit', () => {
    expect(say('brake drum 4', draft('Q01', ['BRD-1', 4, 'brake drum 4']))).toEqual([]);
  });

  it('is still a unit the product is not sold in when the name does not write it', () => {
    expect(say('grease drum 4', draft('Q01', ['GRS-1', 4, 'grease drum 4']))).toContain(
      'quantity_unreadable',
    );
  });
});

describe('a size the distributor’s alias writes with its own word', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'CAP-10,Tarko Run Capacitor 10 uF 440V,piece,1,pcs,95.00,10 mfd,Tarko,Capacitors',
      'CAP-50,Tarko Run Capacitor 50 uF 440V,piece,1,pcs,260.00,,Tarko,Capacitors',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Jal Armature,+919800000071,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const say = decideIn(world, world.directory.byCode.get('q01')!);

  it('is another size with another number before that word', () => {
    // "50 mfd 10" read as ten-microfarad capacitors, fifty of them
    expect(say('tarko 50 mfd 10', draft('Q01', ['CAP-10', 50, 'tarko 50 mfd 10']))).toContain(
      'size_not_of_product',
    );
    expect(say('tarko 10 mfd 20', draft('Q01', ['CAP-10', 20, 'tarko 10 mfd 20']))).toEqual([]);
  });
});

describe('dozens of a SKU sold in pairs, the line also saying "pair"', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'HEX-5,Tarko Rubber Hex Dumbbell 5 kg (Pair),pair,2,pcs,960.00,5 kg hex,Tarko,Dumbbells',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Jal Gym,+919800000121,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const say = decideIn(world, world.directory.byCode.get('q01')!);

  it('asks which counts: two dozen pieces, or two dozen pairs?', () => {
    const line = '2 dozen 5 kg hex pair';
    expect(say(line, draft('Q01', ['HEX-5', 12, line]))).toContain('quantity_unreadable');
    expect(say('5 kg hex 12 pair', draft('Q01', ['HEX-5', 12, '5 kg hex 12 pair']))).toEqual([]);
  });
});

describe('pieces counted as many as another SKU packs', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'ELB-50,Tarko Elbow 1/4in (packet of 50),packet,50,pcs,650.00,elbow,Tarko,Connector',
      'ELB-100,Tarko Elbow 1/4in (packet of 100),packet,100,pcs,1200.00,,Tarko,Connector',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Jal Aqua,+919800000081,,South,RETAIL,,0.00',
    ].join('\n'),
  );
  const say = decideIn(world, world.directory.byCode.get('q01')!);

  it('may name that SKU’s pack, even where an alias names the draft’s', () => {
    // two packets of fifty, or one of a hundred?
    expect(say('elbow 100 pcs', draft('Q01', ['ELB-50', 2, 'elbow 100 pcs']))).toContain(
      'line_not_singled_out',
    );
    expect(say('elbow 50 pcs', draft('Q01', ['ELB-50', 1, 'elbow 50 pcs']))).toEqual([]);
    expect(say('elbow 2 packet', draft('Q01', ['ELB-50', 2, 'elbow 2 packet']))).toEqual([]);
  });
});

describe('a packing unit another SKU the words fit is sold in', () => {
  const say = oneShop(
    'CHB-10-BX,Zorva Choco Bar Rs10,box,40,bar,360.00,cb 10,Zorva,Bars',
    'CHB-10-CT,Zorva Choco Bar Rs10 Outer Carton (12 boxes),carton,480,bar,4300.00,cb 10 carton,Zorva,Bars',
  );

  it('names that SKU, even where an alias names the draft’s', () => {
    // (a carton of a box: how many boxes to it?)
    expect(say('1 ctn cb 10', draft('Q01', ['CHB-10-BX', 1, '1 ctn cb 10']))).toContain(
      'quantity_unreadable',
    );
    // "peti" is the carton in Hindi trade
    expect(say('cb 10 ek peti', draft('Q01', ['CHB-10-BX', 1, 'cb 10 ek peti']))).toContain(
      'line_not_singled_out',
    );
    expect(say('2 box cb 10', draft('Q01', ['CHB-10-BX', 2, '2 box cb 10']))).toEqual([]);
  });
});

describe('a "dabba" of jars sold by the carton', () => {
  const say = oneShop(
    'FC-BLK,Zorva Fabric Colour Black 100g jar (carton of 24),carton,24,jar,1420.00,,Zorva,Colours',
    'TP-100,Zorva Toothpaste 100g,case,48,tube,2448.00,,Zorva,Oral Care',
  );

  it('asks whether the jar or the carton is counted', () => {
    const jars = 'fabric colour black 100 gm 30 dabbe';
    expect(say(jars, draft('Q01', ['FC-BLK', 30, jars]))).toContain('quantity_unreadable');
    // a dabba of tubes sold by the case is the case
    const tubes = 'zorva toothpaste 100 g 5 dabba';
    expect(say(tubes, draft('Q01', ['TP-100', 5, tubes]))).toEqual([]);
  });
});

describe('an outer container said of goods sold by the box', () => {
  const say = oneShop(
    'RNG-RED,Zorva Rangoli Colour 100 g Red (Box 10),box,10,packet,120.00,,Zorva,Rangoli',
  );
  const line = (source: string) => draft('Q01', ['RNG-RED', 1, source]);

  it('asks how many boxes a carton or case holds', () => {
    expect(say('rangoli red 1 carton', line('rangoli red 1 carton'))).toContain(
      'quantity_unreadable',
    );
    expect(say('rangoli red 1 cs', line('rangoli red 1 cs'))).toContain('quantity_unreadable');
    expect(say('rangoli red 1 box', line('rangoli red 1 box'))).toEqual([]);
    // "peti" is said of a box as often as of a carton: the SKU's own container
    expect(say('rangoli red 1 peti', line('rangoli red 1 peti'))).toEqual([]);
  });
});

describe('a word of the name before the count', () => {
  const say = oneShop(
    'SPB-500,Zorva Trigger Spray Bottle 500 ml,dozen,12,bottle,420.00,,Zorva,Sprayers',
    'LBS-5,Zorva Loop Band Set of 5,set,5,pcs,300.00,,Zorva,Bands',
  );

  it('is the name, not the unit, unless it is what the SKU is sold by', () => {
    // 24 bottles, or 24 dozen?
    expect(say('spray bottle 24', draft('Q01', ['SPB-500', 2, 'spray bottle 24']))).toContain(
      'quantity_unreadable',
    );
    expect(
      say('spray bottle 2 dozen', draft('Q01', ['SPB-500', 2, 'spray bottle 2 dozen'])),
    ).toEqual([]);
    expect(say('loop band set 10', draft('Q01', ['LBS-5', 10, 'loop band set 10']))).toEqual([]);
  });
});

describe('a phone two shops share', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'MZE-50,Zorva Maize 50 kg,bag,1,bag,1500.00,makka,Zorva,Grain',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Tarini Poultry Farm,+919800000071,,Velur,RETAIL,,0.00',
      'Q02,Tarini Feeds & Egg Traders,+919800000071,,Velur,RETAIL,,0.00',
    ].join('\n'),
  );
  const shared = world.directory.repByPhone.get('+919800000071')!;
  const say = (dealer: string) =>
    decideIn(world, world.directory.byCode.get('q01')!)(
      'Tarini Feeds here. makka 40 bag',
      draft(dealer, ['MZE-50', 40, 'makka 40 bag']),
      { sender: { kind: 'rep', rep: shared } },
    );

  it('refuses a draft for the shop the text does not name', () => {
    expect(say('Q01')).toContain('other_dealer_named');
    expect(say('Q02')).not.toContain('other_dealer_named');
  });
});

describe('pieces of a product that is itself a pair', () => {
  const say = oneShop(
    'IDL-6,Zorva Brass Lakshmi Ganesh Pair 6 inch (set of 2),set,2,pcs,1560.00,,Zorva,Idols',
    'CST-4,Zorva Marble Coaster Set of 4,set,4,pcs,400.00,,Zorva,Coasters',
  );

  it('may be pairs said as pieces', () => {
    const text = 'brass lakshmi ganesh 6 inch 10 pc';
    expect(say(text, draft('Q01', ['IDL-6', 5, text]))).toContain('quantity_unreadable');
    const sets = 'brass lakshmi ganesh 6 inch 5 set';
    expect(say(sets, draft('Q01', ['IDL-6', 5, sets]))).toEqual([]);
    // a set of four is no pair: its pieces divide
    expect(
      say('marble coaster 48 pcs', draft('Q01', ['CST-4', 12, 'marble coaster 48 pcs'])),
    ).toEqual([]);
  });
});

describe('an alias whose size is said in another unit', () => {
  const say = oneShop(
    'CHN-K12,Zorva Ball Bearing Channel 12 inch,set,1,set,135.00,1 ft channel,Zorva,Channels',
    'CHN-T12,Tarko Soft-Close Channel 12 inch,set,1,set,540.00,,Tarko,Channels',
  );

  it('is no alias said: the size only describes', () => {
    const inches = '12 inch channel 20 set';
    expect(say(inches, draft('Q01', ['CHN-K12', 20, inches]))).toContain('line_not_singled_out');
    const feet = '1 ft channel 20 set';
    expect(say(feet, draft('Q01', ['CHN-K12', 20, feet]))).toEqual([]);
  });
});

describe('another dealer’s whole name inside the sender’s', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'CVR-1,Tarko Back Cover Y28 Clear,piece,1,pcs,90.00,,Tarko,Covers',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Kiran Mobile Repairing,+919800000091,,Deesa,RETAIL,,0.00',
      'Q02,Kiran Mobile,+919800000092,,Palanpur,RETAIL,,0.00',
    ].join('\n'),
  );
  const say = decideIn(world, world.directory.byCode.get('q01')!);
  const order = draft('Q01', ['CVR-1', 20, 'tarko y28 clear cover 20']);

  it('names that dealer, not the sender', () => {
    expect(say('Order from Kiran Mobile:\ntarko y28 clear cover 20', order)).toContain(
      'other_dealer_named',
    );
    expect(say('Kiran Mobile Repairing:\ntarko y28 clear cover 20', order)).toEqual([]);
  });

  it('names it with a short word around the shared ones, or by its rarest long word', () => {
    const more = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'CVR-1,Tarko Back Cover Y28 Clear,piece,1,pcs,90.00,,Tarko,Covers',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Sai Teja Infotech,+919800000131,,Hyderabad,RETAIL,,0.00',
        'Q02,Om Sai Infotech,+919800000132,,Kalyan,RETAIL,,0.00',
        'Q03,Pets N Fins,+919800000133,,Pune,RETAIL,,0.00',
        'Q04,Ganesh Pets,+919800000134,,Mumbai,RETAIL,,0.00',
        'Q05,Happy Pets,+919800000135,,Thane,RETAIL,,0.00',
        'Q06,Fins Corner,+919800000136,,Goa,RETAIL,,0.00',
      ].join('\n'),
    );
    const line = 'tarko y28 clear cover 20';
    const from = (code: string) => decideIn(more, more.directory.byCode.get(code)!);
    // "Om" is under three letters: the shared "Sai Infotech" is the other's whole name with it
    expect(
      from('q01')(`Om Sai Infotech ke liye:\n${line}`, draft('Q01', ['CVR-1', 20, line])),
    ).toContain('other_dealer_named');
    // "Pets N Fins": its rarest word "n" is too short to look for; "fins" is looked for instead
    expect(
      from('q04')(`Pets N Fins ke liye:\n${line}`, draft('Q04', ['CVR-1', 20, line])),
    ).toContain('other_dealer_named');
  });
});

describe('a sentence announcing the goods', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);

  it('before the lines, with words of their own products only, says nothing more', () => {
    expect(decide('Verma Hardware. Bison order.\nbison 5 bag', order)).toEqual([]);
    expect(decide('Distemper chahiye.\nbison 5 bag', order)).toEqual([]);
  });

  it('is no announcement with a number, another product or a word that takes back', () => {
    expect(decide('Bison 2 order.\nbison 5 bag', order)).not.toEqual([]);
    expect(decide('Primer order.\nbison 5 bag', order)).toContain('product_word_outside_lines');
    expect(decide('Bison nahi, primer order.\nbison 5 bag', order)).not.toEqual([]);
  });

  it('is no place after the dealer’s name once the sentence ended', () => {
    // "Verma Hardware, Jaipur" names a place; "Verma Hardware. Primer …" does not
    expect(decide('Verma Hardware. Primer order.\nbison 5 bag', order)).toContain(
      'product_word_outside_lines',
    );
  });
});

describe('the lexicons', () => {
  it('keep framing apart from every word that changes what a line means', () => {
    const framing = new Set([...wordSet(FRAMING), ...wordSet(ATTACHMENT_FRAMING)]);
    expect(closedWordsAmong(framing)).toEqual({});
  });

  it('never wave through a spare number word, even one that is also framing somewhere', () => {
    const base = 'bison 5 bag\nprimer 2 bucket';
    expect(paints.parse({ from: VERMA, text: base }).needs_review).toBe(false);
    const framing = new Set([...wordSet(FRAMING), ...wordSet(ATTACHMENT_FRAMING)]);
    const both = [...wordSet(CARDINAL_WORDS)].filter((w) => framing.has(w));
    expect(both.length).toBeGreaterThan(0); // "chhe" is Gujarati "is" and Hindi six
    for (const word of both)
      expect(paints.parse({ from: VERMA, text: `${base}\n${word}` }).needs_review, word).toBe(true);
  });
});

describe('one place decides', () => {
  it('no reading rule sets needs_review: only the policy’s decision is copied into a draft', () => {
    const root = fileURLToPath(new URL('../../../parsers/', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = `${dir}${entry.name}`;
        if (entry.isDirectory()) walk(`${file}/`);
        else if (file.endsWith('.ts'))
          for (const [n, line] of readFileSync(file, 'utf8').split('\n').entries())
            if (
              /needs_review\s*:/.test(line) &&
              !/needs_review:\s*(decision|review)\.needsReview/.test(line) &&
              !/^\s*(\*|\/\/|needs_review: boolean)/.test(line.trim() === line ? line : line.trim())
            )
              offenders.push(`${file.slice(root.length)}:${n + 1}: ${line.trim()}`);
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });

  it.each<[Intent, string]>([
    ['balance', 'what is my outstanding?'],
    ['order_status', 'order kab tak aayega'],
    ['other', 'Good morning 🙏'],
  ])('answers a plain %s question without a person', (intent, text) => {
    const r = paints.parse({ from: VERMA, text });
    expect(r.intent).toBe(intent);
    expect(r.needs_review).toBe(false);
  });
});

describe('dealers whose names share a word', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'A-1,Zorva Apron Large,box,100,pcs,90.00,,Zorva,Aprons',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z01,Om Sai Pathology Lab,+919800000021,,West,RETAIL,,0.00',
      'Z02,Sai Hospital,+919800000022,,West,RETAIL,,0.00',
      'Z03,Krishna Chemists,+919800000023,,West,RETAIL,,0.00',
      'Z04,Jalaram Chemist,+919800000024,,West,RETAIL,,0.00',
      'Z05,Zorva Aprons,+919800000025,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const from = (phone: string, text: string) => world.parse({ from: phone, text });

  it('takes a word of a line’s product for the product, not a dealer whose name shares it', () => {
    expect(from('+919800000023', 'zorva apron large 2 box').needs_review).toBe(false);
    // the other dealer's name said apart from every line still names it
    expect(
      from('+919800000023', 'Zorva Aprons ka order\nzorva apron large 2 box').needs_review,
    ).toBe(true);
    // and two words of its name in a row are its name, even inside a line
    const line = 'Zorva Aprons zorva apron large 2 box';
    const decision = decideReview({
      catalog: world.catalog,
      directory: world.directory,
      channel: 'whatsapp',
      intent: 'order',
      intentClear: true,
      intentMixed: false,
      lines: [{ text: line }],
      subject: null,
      orders: [{ dealer: 'Z03', lines: [{ sku: 'A-1', qty: 2, source: line }] }],
      doubts: [],
      sender: { kind: 'dealer', dealer: world.directory.byCode.get('z03')! },
    });
    expect(decision.refusals.map((r) => r.code)).toContain('other_dealer_named');
  });

  it('reads the order’s own dealer named in a few words as that dealer, not another', () => {
    expect(from('+919800000021', 'Om Sai Lab - zorva apron large 2 box').needs_review).toBe(false);
    expect(from('+919800000023', 'krishna chemist. zorva apron large 2 box').needs_review).toBe(
      false,
    );
  });

  it('takes "from" before the own dealer’s name for framing, nowhere else', () => {
    expect(
      from('+919800000023', 'Order from Krishna Chemists\nzorva apron large 2 box').needs_review,
    ).toBe(false);
    expect(refusalsOf(from('+919800000023', 'Order from Pune\nzorva apron large 2 box'))).toContain(
      'unexplained_words',
    );
  });

  it('takes, for a rep, the one dealer whose every name word is said over one with more words', () => {
    const bags = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'A-1,Zorva Apron Large,box,100,pcs,90.00,,Zorva,Aprons',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'B01,Raj Bag House,+919800000101,,West,RETAIL,,0.00',
        'B02,New Raj Bag House,+919800000102,,West,RETAIL,,0.00',
      ].join('\n'),
      ['code,name,phones,emails,dealers', 'R01,Vikram Malhotra,+919800000109,,B01|B02'].join('\n'),
    );
    const say = (text: string, dealer: string) =>
      decideReview({
        catalog: bags.catalog,
        directory: bags.directory,
        channel: 'whatsapp',
        intent: 'order',
        intentClear: true,
        intentMixed: false,
        lines: [{ text }],
        subject: null,
        orders: [{ dealer, lines: [{ sku: 'A-1', qty: 2, source: 'zorva apron large 2 box' }] }],
        doubts: [],
        sender: { kind: 'rep', rep: bags.directory.reps[0]! },
      }).refusals.map((r) => r.code);
    expect(say('Raj Bag House ka order: zorva apron large 2 box', 'B01')).toEqual([]);
    expect(say('New Raj Bag House ka order: zorva apron large 2 box', 'B02')).toEqual([]);
    // drafted for the longer name, the words said are the shorter one's whole name
    expect(say('Raj Bag House ka order: zorva apron large 2 box', 'B02')).not.toEqual([]);
  });

  it('still sees the other dealer named beside the own one', () => {
    const r = from('+919800000021', 'Om Sai Lab - zorva apron large 2 box for Sai Hospital');
    expect(refusalsOf(r)).toContain('other_dealer_named');
  });
});

describe('an alias the catalog gives one SKU', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'K-EL,Zorva 3-Ply Mask Ear-loop (50),box,50,pcs,100.00,3 ply mask|zorva mask,Zorva,Masks',
      'K-TIE,Zorva 3-Ply Mask Tie-on (50),box,50,pcs,110.00,tie mask,Zorva,Masks',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z05,Zenith Clinic,+919800000031,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const read = (text: string) => world.parse({ from: '+919800000031', text });

  it('singles out its SKU when said in full, as the distributor named it', () => {
    const r = read('3 ply mask 20 box');
    expect(linesOf(r)).toEqual(['Z05 K-EL x20']);
    expect(r.needs_review).toBe(false);
  });

  it('still asks when the words fit the other SKU as well and no alias decides', () => {
    expect(read('3 ply 20 box').needs_review).toBe(true);
  });
});

describe('sizes said as a pair', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'Q-81,"Quorn Screw 8 x 1"" Zinc",box,100,pcs,150.00,,Quorn,Screws',
      'Q-82,"Quorn Screw 8 x 2"" Zinc",box,100,pcs,220.00,,Quorn,Screws',
      'Q-102,"Quorn Screw 10 x 2"" Zinc",box,100,pcs,270.00,,Quorn,Screws',
      'Q-815,"Quorn Screw 8 x 1-1/2"" Zinc",box,100,pcs,185.00,,Quorn,Screws',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z09,Vimal Traders,+919800000041,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const from = (text: string) => world.parse({ from: '+919800000041', text });

  it('single out the SKU whose name writes the same pair', () => {
    const r = from('Quorn screw 8 x 1 - 10 box\nQuorn screw 10x2 - 5 box');
    expect(r.orders[0]!.lines.map((l) => [l.sku, l.qty])).toEqual([
      ['Q-81', 10],
      ['Q-102', 5],
    ]);
    expect(r.needs_review).toBe(false);
  });

  it('leave a pair no name writes to review', () => {
    expect(from('Quorn screw 8 x 3 - 10 box').needs_review).toBe(true);
  });
});

describe('an alias written as one code', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'T-12,Qwell 12A Toner Cartridge (Q12A),piece,,,4850.00,12a original,Qwell,Toner',
      'C-12,Tonex Compatible Toner for Qwell 12A,piece,,,420.00,12a|12a comp,Tonex,Toner',
      'C-88,Tonex Compatible Toner for Qwell 88A,piece,,,430.00,88a|88a comp,Tonex,Toner',
      'D-88,Dronex Compatible Toner for Qwell 88A,piece,,,410.00,88a,Dronex,Toner',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z13,Kiran Copiers,+919800000071,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const from = (text: string) => world.parse({ from: '+919800000071', text });

  it('names the one SKU the catalog gives it, glued or spaced', () => {
    const r = from('12A 20 pcs\n12 a 5 pcs');
    expect(linesOf(r)).toEqual(['Z13 C-12 x25']);
    expect(r.needs_review).toBe(false);
  });

  it('names nothing when two SKUs share it', () => {
    expect(refusalsOf(from('88A 20 pcs'))).not.toEqual([]);
  });
});

describe('a number of the product’s name', () => {
  const pumps = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'P-15,Kroma KP4 Submersible 1.5HP 1Ph,piece,1,set,15300.00,,Kroma,Pumps',
      'P-10,Kroma KP4 Submersible 1HP 1Ph,piece,1,set,12900.00,,Kroma,Pumps',
      'DB-22,Kroma DCDB 2 In 2 Out,piece,1,pcs,900.00,,Kroma,Boxes',
      'PR-40,Kroma 40 HP Propeller 11 x 15,piece,1,piece,7800.00,,Kroma,Spares',
      'PR-15,Kroma Enduro 15 Propeller 9.25 x 11,piece,1,piece,4250.00,,Kroma,Spares',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Jal Pumps,+919800000031,,South,RETAIL,,0.00',
    ].join('\n'),
  );
  const decideFor = (text: string, sku: string, qty: number) =>
    decideIn(pumps, pumps.directory.byCode.get('q01')!)(text, draft('Q01', [sku, qty, text]));

  it('explains as many of the line’s numbers as the name writes, no more', () => {
    // one "1" in the name ("1Ph"): the second 1 said is no size of it
    expect(decideFor('Kroma KP4 1.5 HP - 1, 1 HP - 2', 'P-15', 2)).toContain('quantity_unreadable');
    // "2 In 2 Out" writes 2 twice
    expect(decideFor('Kroma DCDB 2 in 2 out x 2', 'DB-22', 2)).toEqual([]);
  });

  it('takes a long number of the name for the name’s, not a document’s, when nothing marks it', () => {
    const bearings = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'T-30205,Zorva Taper Roller Bearing 30205,piece,1,,412.00,,Zorva,Bearings',
        'T-30207,Zorva Taper Roller Bearing 30207,piece,1,,615.00,,Zorva,Bearings',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Jal Bearings,+919800000081,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const say = decideIn(bearings, bearings.directory.byCode.get('q01')!);
    const line = 'Zorva 30207 - 8';
    expect(say(line, draft('Q01', ['T-30207', 8, line]))).toEqual([]);
    // after a document's marker it is the document's; alone it is the size or the count
    const po = 'Zorva bearing 8 against PO 30207';
    expect(say(po, draft('Q01', ['T-30207', 8, 'Zorva bearing 8']))).not.toEqual([]);
    expect(say('Zorva 30207', draft('Q01', ['T-30207', 30207, 'Zorva 30207']))).not.toEqual([]);
  });

  it('takes "number" written in full after a number of the name as its mark', () => {
    const papers = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'EP-120,Zorva Emery Paper 120,packet,50,sheet,400.00,,Zorva,Abrasives',
        'EP-80,Zorva Emery Paper 80,packet,50,sheet,400.00,,Zorva,Abrasives',
        'GO-90,Zorva Gear Oil 90 1L,carton,12,bottle,3000.00,90 number oil,Zorva,Oils',
        'GO-140,Zorva Gear Oil 140 1L,carton,12,bottle,3000.00,,Zorva,Oils',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Jal Hardware,+919800000071,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const say = decideIn(papers, papers.directory.byCode.get('q01')!);
    const emery = 'emery paper 120 number 2 packet';
    expect(say(emery, draft('Q01', ['EP-120', 2, emery]))).toEqual([]);
    // the alias's own "number" stays the product's word
    const oil = '90 number oil 1 carton';
    expect(say(oil, draft('Q01', ['GO-90', 1, oil]))).toEqual([]);
  });

  it('asks which is the count when a bare count stands right before the name’s bare number', () => {
    const pipettes = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'PIP-10,Zorva Volumetric Pipette 10 mL,piece,,,210.00,bulb pipette 10,Zorva,Glassware',
        'PIP-25,Zorva Volumetric Pipette 25 mL,piece,,,260.00,,Zorva,Glassware',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Jal Labs,+919800000051,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const say = decideIn(pipettes, pipettes.directory.byCode.get('q01')!);
    // the 25 ml pipette, ten of them — or twenty-five of the 10 ml one?
    const swapped = 'bulb pipette 25 10';
    expect(say(swapped, draft('Q01', ['PIP-10', 25, swapped]))).toContain('quantity_unreadable');
    const plain = 'bulb pipette 10 - 25';
    expect(say(plain, draft('Q01', ['PIP-10', 25, plain]))).toEqual([]);
  });

  it('takes an alias word several SKUs of a category share for the category: all of it fits', () => {
    // "parda" is two backdrops' alias; the green one with no alias is a "parda" too
    const backdrops = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'BD-1020-G,Zorva Muslin Backdrop 10x20 ft Green,piece,1,pcs,2290.00,hara parda,Zorva,Backdrops',
        'BD-1020-W,Zorva Muslin Backdrop 10x20 ft White,piece,1,pcs,2290.00,safed parda,Zorva,Backdrops',
        'BD-1012-G,Zorva Muslin Backdrop 10x12 ft Green,piece,1,pcs,1490.00,,Zorva,Backdrops',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Jal Studio,+919800000041,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const say = decideIn(backdrops, backdrops.directory.byCode.get('q01')!);
    const line = 'green parda 2 bhej dena';
    expect(say(line, draft('Q01', ['BD-1020-G', 2, line]))).toContain('line_not_singled_out');
    expect(say('hara parda 2', draft('Q01', ['BD-1020-G', 2, 'hara parda 2']))).toEqual([]);
  });

  it('takes an alias’s trade words without its brand for the category: all of it fits', () => {
    // only one monitor's alias says "bp machine", but without "vitaro" any monitor is one
    const monitors = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'BPM-V1,Vitaro Arm BP Monitor V1,piece,1,pcs,1890.00,vitaro bp machine,Vitaro,BP Monitors',
        'BPM-K7,Kelsa Arm BP Monitor K7,piece,1,pcs,2190.00,,Kelsa,BP Monitors',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Jal Medicals,+919800000051,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const say = decideIn(monitors, monitors.directory.byCode.get('q01')!);
    expect(say('bp machine 3', draft('Q01', ['BPM-V1', 3, 'bp machine 3']))).toContain(
      'line_not_singled_out',
    );
    const whole = 'vitaro bp machine 3';
    expect(say(whole, draft('Q01', ['BPM-V1', 3, whole]))).toEqual([]);
    expect(say('vitaro monitor 3', draft('Q01', ['BPM-V1', 3, 'vitaro monitor 3']))).toEqual([]);
  });

  it('takes an alias’s trade words without its size grade for the category, too', () => {
    // "small magnet" is the small cleaner's alias; "magnets" alone could be the large one
    const cleaners = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'MAG-S,Magnetic Glass Cleaner Small,piece,1,pcs,180.00,small magnet,Tarko,Accessories',
        'MAG-L,Magnetic Glass Cleaner Large,piece,1,pcs,420.00,,Tarko,Accessories',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Jal Aquatics,+919800000101,,South,RETAIL,,0.00',
      ].join('\n'),
    );
    const say = decideIn(cleaners, cleaners.directory.byCode.get('q01')!);
    const loose = 'glass cleaner magnets 4';
    expect(say(loose, draft('Q01', ['MAG-S', 4, loose]))).toContain('line_not_singled_out');
    expect(say('small magnet 4', draft('Q01', ['MAG-S', 4, 'small magnet 4']))).toEqual([]);
  });

  it('finds no plain reading in a multipack beside the single pack ("72s" and "72s Pack of 3")', () => {
    const say = oneShop(
      'WIP-72,Caring Baby Wet Wipes 72s (with lid),carton,24,packet,2616.00,,Mee Mee,Wipes',
      'WIP-72X3,Caring Baby Wet Wipes 72s Pack of 3,carton,8,pack of 3,2392.00,,Mee Mee,Wipes',
      'BOD-10,Bodok Seal Pack of 10,pack,10,pcs,80.00,,AirLife,Seals',
      'BOD-100,Bodok Seal Box of 100,box,100,pcs,650.00,,AirLife,Seals',
    );
    const wipes = 'mee mee wipes 72 2 carton';
    expect(say(wipes, draft('Q01', ['WIP-72X3', 2, wipes]))).toContain('line_not_singled_out');
    // the pack the unit said: "2 packet" of the seal sold by the pack of 10
    const seals = 'bodok seal 2 packet';
    expect(say(seals, draft('Q01', ['BOD-10', 2, seals]))).toEqual([]);
  });

  it('takes an alias’s trade words without its size for the category, too', () => {
    // "silicone oil 500" is the 500 ml lube's alias; "treadmill oil" could be the 50 ml box
    const lubes = worldFromCsv(
      [
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
        'LUB-500,Tarko Treadmill Silicone Lube 500 ml,bottle,1,bottle,690.00,silicone oil 500,Tarko,Treadmill Parts',
        'LUB-50,Tarko Treadmill Silicone Lube 50 ml (Box of 12),box,12,bottle,1560.00,,Tarko,Treadmill Parts',
      ].join('\n'),
      [
        'code,name,phones,emails,region,price_list,credit_limit,outstanding',
        'Q01,Jal Fitness,+919800000111,,West,RETAIL,,0.00',
      ].join('\n'),
    );
    const say = decideIn(lubes, lubes.directory.byCode.get('q01')!);
    const loose = 'treadmill oil 6';
    expect(say(loose, draft('Q01', ['LUB-500', 6, loose]))).toContain('line_not_singled_out');
    const whole = 'silicone oil 500 - 6';
    expect(say(whole, draft('Q01', ['LUB-500', 6, whole]))).toEqual([]);
  });

  it('explains no number by a name that writes it only as half of a size pair', () => {
    // "11 x 15" is the 40 HP propeller's pitch: "15 HP" is the other propeller
    expect(decideFor('Kroma 15 HP propeller 2', 'PR-40', 2)).not.toEqual([]);
    expect(decideFor('Kroma 40 HP propeller 2', 'PR-40', 2)).toEqual([]);
    // the pair said whole is its size
    expect(decideFor('Kroma 40 HP propeller 11 x 15 - 2', 'PR-40', 2)).toEqual([]);
  });
});

describe('a note of the phone the sender writes from', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);
  const through = (text: string) => decide(text, order);

  it('is framing: a kind of phone right before "number", and the small words around it', () => {
    expect(through('Ye mera naya number hai, save kar lena. bison 5 bag')).toEqual([]);
    expect(through('Calling from my other number. bison 5 bag')).toEqual([]);
    expect(through('Sir idhu en 2nd number. bison 5 bag')).toEqual([]);
    expect(through('Eh mere bhra da number hai. bison 5 bag')).toEqual([]);
    expect(through('Hosa number idu, save maadi. bison 5 bag')).toEqual([]);
  });

  it('explains nothing else in its sentence, and never a word that changes the order', () => {
    // "number" alone is no note
    expect(through('Ye mera number hai. bison 5 bag')).toContain('unexplained_words');
    // a word past the note's sentence stays unexplained
    expect(through('Naya number hai. Save old bison. bison 5 bag')).toContain('unexplained_words');
    expect(through('Naya number hai, nahi bison 5 bag')).toContain('closed_class_word');
    // a count said beside it is still a number to account for
    expect(through('Naya number hai, 6 bhi. bison 5 bag')).toContain('unexplained_number');
  });

  it('has no word of a closed class in its lists', () => {
    // Gujarati "thi" (from) alone is "was" elsewhere: it counts only right after a name
    expect(
      [...wordSet(FROM_AFTER_NAME)].filter((w) => wordSet(CLOSED_CLASSES.history).has(w)),
    ).toEqual(['thi']);
    const note = new Set([
      ...[...wordSet(FROM_AFTER_NAME)].filter((w) => w !== 'thi'),
      ...GREETINGS_WITH_NUMBER_WORDS.flat().filter((w) => w !== 'sat'),
      ...PHONE_NOTE.phone,
      ...wordSet(PHONE_NOTE.which),
      ...wordSet(PHONE_NOTE.whose),
      ...wordSet(PHONE_NOTE.around),
    ]);
    expect(closedWordsAmong(note)).toEqual({});
  });
});

describe('a note about paying', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);
  const through = (text: string) => decide(text, order);

  it('is for accounts: the words of its sentence change no line', () => {
    expect(through('bison 5 bag. Payment: 30 days from invoice.')).toEqual([]);
    expect(through('bison 5 bag\nPayment Monday ko RTGS karte.')).toEqual([]);
    expect(through('bison 5 bag\nPichla invoice 3345 ka payment aaj NEFT kar diya.')).toEqual([]);
    expect(through('bison 5 bag\nPayment as usual, will be made next week.')).toEqual([]);
  });

  it('explains nothing outside its sentence, nor a word that makes the order wait or change', () => {
    expect(through('Payment done. Will send next week: bison 5 bag')).not.toEqual([]);
    expect(through('bison 5 bag. Payment ke baad bhejna.')).toContain('closed_class_word');
    expect(through('bison 5 bag. If payment is late, hold it.')).not.toEqual([]);
    expect(through('bison 5 bag. Payment zorvik kal.')).toContain('unexplained_words');
    expect(through('bison 5 bag. Kal payment, 6 bhi.')).toContain('unexplained_number');
    // without a payment word there is no note
    expect(through('bison 5 bag. 30 days from invoice.')).toContain('unexplained_words');
  });

  it('takes a sentence asking for the bill for accounts, and nothing that changes who or how', () => {
    expect(through('bison 5 bag. Kindly send the bill in duplicate.')).toEqual([]);
    expect(through('bison 5 bag. GST bill chahiye.')).toEqual([]);
    expect(through('bison 5 bag. Bill ma GST number nakhjo.')).toEqual([]);
    // split, adjusted, for someone else, or waiting: not a note
    expect(through('bison 5 bag. Bill alag banana.')).toContain('unexplained_words');
    expect(through('bison 5 bag. Adjust the shortage in this bill.')).not.toEqual([]);
    expect(through('bison 5 bag. Bill unke naam.')).toContain('unexplained_words');
    expect(through('bison 5 bag. Bill kal bhejna.')).not.toEqual([]);
    expect(through('bison 5 bag. Bill nahi chahiye.')).toContain('closed_class_word');
  });

  it('takes billing in the order’s own dealer’s name for framing, no other name', () => {
    expect(through('bison 5 bag. Bill on Verma Hardware.')).toEqual([]);
    expect(through('bison 5 bag\nBill Verma Hardware ke naam pe')).toEqual([]);
    // nobody named, another dealer named, or anything more said
    expect(through('bison 5 bag. Bill unke naam.')).toContain('unexplained_words');
    expect(through('bison 5 bag. Bill on New India Paint House.')).not.toEqual([]);
    expect(through('bison 5 bag. Bill on Verma Hardware, 30 days credit.')).not.toEqual([]);
  });

  it('has no word that negates, cancels, returns, complains, asks or corrects', () => {
    const note = new Set([
      ...wordSet(PAYMENT_WORDS),
      ...wordSet(NOTE_WORDS),
      ...wordSet(NOTE_WHEN_WORDS),
      ...wordSet(BILL_TO.bill),
      ...wordSet(BILL_TO.around),
      ...wordSet(BILLING_WORDS),
      ...wordSet(BILLING_NOTE_WORDS),
    ]);
    expect([...wordSet(BILLING_NOTE_WORDS)].filter((w) => CARDINALS.has(w))).toEqual([]);
    // nor a number word ("bana do" would be two)
    expect([...wordSet(BILL_TO.around)].filter((w) => CARDINALS.has(w))).toEqual([]);
    const { history, future_or_conditional, ...changing } = CLOSED_CLASSES;
    expect(closedWordsAmong(note, changing)).toEqual({});
    // of time, only the words kept for it: no "if", "baad", "keep", "maybe"
    const when = wordSet(NOTE_WHEN_WORDS);
    const unlisted = new Set([...note].filter((w) => !when.has(w)));
    expect(closedWordsAmong(unlisted, { history, future_or_conditional })).toEqual({});
  });
});

describe('a note about delivery', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);
  const through = (text: string) => decide(text, order);

  it('is for dispatch: where, when and whom to call change no line', () => {
    expect(through('bison 5 bag. Kindly confirm dispatch date.')).toEqual([]);
    expect(through('bison 5 bag\nDelivery to our godown at Baikampady Industrial Area.')).toEqual(
      [],
    );
    expect(through('bison 5 bag\nDelivery: Plot 112, 4th Cross, Hanuman Nagar 560072.')).toEqual(
      [],
    );
    expect(through('bison 5 bag. Deliver at site after 4 PM, contact Mr. Gowda.')).toEqual([]);
    expect(through('bison 5 bag. Transport KSRTC parcel.')).toEqual([]);
  });

  it('explains nothing outside its sentence, nor a word that splits, holds or negates', () => {
    expect(through('bison 5 bag. Deliver only half now.')).toContain('unexplained_words');
    expect(through('bison 5 bag. Dispatch mat karna.')).toContain('closed_class_word');
    expect(through('bison 5 bag. Delivery after payment, if possible.')).not.toEqual([]);
    expect(through('bison 5 bag. Delivery zorvik pelatu.')).toContain('unexplained_words');
    expect(through('bison 5 bag. Delivery to godown, 6 more.')).toContain('unexplained_number');
    // a capitalised word is a name there only: without a delivery word it stays unexplained
    expect(through('bison 5 bag. Baikampady godown.')).toEqual([]);
    expect(through('bison 5 bag. Baikampady Zorvik.')).toContain('unexplained_words');
  });

  it('has no word that negates, cancels, returns, complains, asks, corrects or counts', () => {
    const note = new Set([
      ...wordSet(DELIVERY_WORDS),
      ...wordSet(DELIVERY_NOTE_WORDS),
      ...wordSet(ADDRESS_NUMBER_WORDS),
    ]);
    expect(closedWordsAmong(note)).toEqual({});
    expect([...note].filter((w) => CARDINALS.has(w))).toEqual([]);
  });
});

describe('a request put as a question', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);
  const through = (text: string) => decide(text, order);

  it('orders when it opens with a modal, a person and a verb of sending or adding', () => {
    expect(through('Could you send bison 5 bag?')).toEqual([]);
    expect(through('Hi, can you please also send bison 5 bag? Thanks')).toEqual([]);
  });

  it('still asks when the verb asks, or the question holds a condition', () => {
    expect(through('bison 5 bag. Could you check the rate?')).toContain('closed_class_word');
    expect(through('Could you send bison 5 bag if available?')).toContain('closed_class_word');
    expect(through('bison 5 bag. Would you have stock?')).toContain('closed_class_word');
  });
});

describe('a unit written in an Indian script', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'JAM-1,Zorva Mixed Fruit Jam 500 g,jar,1,jar,150.00,,Zorva,Spreads',
      'SOC-1,Zorva Cotton Socks Black,pair,1,pair,80.00,,Zorva,Hosiery',
      'RCE-25,Zorva Sona Rice 25 kg,bag,1,bag,1500.00,,Zorva,Grains',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Jal Stores,+919800000061,,South,RETAIL,,0.00',
    ].join('\n'),
  );
  const say = decideIn(world, world.directory.byCode.get('q01')!);

  it('counts in the SKU’s own container, whatever the script', () => {
    const jam = 'zorva jam 500 g 6 ஜார்';
    expect(say(jam, draft('Q01', ['JAM-1', 6, jam]))).toEqual([]);
    const socks = 'zorva socks black 4 जोड़ा';
    expect(say(socks, draft('Q01', ['SOC-1', 4, socks]))).toEqual([]);
    const rice = 'sona rice 25 kg 10 బస్తాలు';
    expect(say(rice, draft('Q01', ['RCE-25', 10, rice]))).toEqual([]);
    // another container is no unit of it
    const other = 'zorva jam 500 g 6 బస్తాలు';
    expect(say(other, draft('Q01', ['JAM-1', 6, other]))).not.toEqual([]);
  });
});

describe('the product’s own word written in a script', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'FV-B,Zorva Float Valve Brass,piece,1,piece,190.00,,Zorva,Valves',
      'FV-P,Zorva Float Valve Plastic,piece,1,piece,90.00,,Zorva,Valves',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Q01,Jal Traders,+919800000091,,South,RETAIL,,0.00',
    ].join('\n'),
  );
  const say = decideIn(world, world.directory.byCode.get('q01')!);

  it('is the product’s word when its consonants are, and singles out as that word', () => {
    const brass = 'float ವಾಲ್ವ್ brass 20';
    expect(say(brass, draft('Q01', ['FV-B', 20, brass]))).toEqual([]);
    // "float valve" alone fits both valves: the script word singles out no more than the word
    const valve = 'float ವಾಲ್ವ್ 20';
    expect(say(valve, draft('Q01', ['FV-B', 20, valve]))).toContain('line_not_singled_out');
  });

  it('is no word only another product has, nor a closed-class word', () => {
    const other = 'float ವಾಲ್ವ್ ಪ್ಲಾಸ್ಟಿಕ್ 20';
    expect(say(other, draft('Q01', ['FV-B', 20, other]))).not.toEqual([]);
    expect(spelledInScript(tokenize('नहीं')[0]!, ['nahin'])).toBeNull();
  });
});

describe('a line named only by its brand', () => {
  const world = worldFromCsv(
    [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category',
      'ABG,Abgel Gelatin Sponge,pack,10,sponge,750.00,,Sri Gopal Labs,Consumables',
    ].join('\n'),
    [
      'code,name,phones,emails,region,price_list,credit_limit,outstanding',
      'Z01,Om Dental,+919800000031,,West,RETAIL,,0.00',
    ].join('\n'),
  );
  const decideBrand = decideIn(world, world.directory.byCode.get('z01')!);

  it('names no product of it ("Sat sri akal": "sri" of "Sri Gopal Labs", seven)', () => {
    expect(decideBrand('Sat sri akal ji', draft('Z01', ['ABG', 7, 'Sat sri akal ji']))).toContain(
      'line_not_singled_out',
    );
    expect(decideBrand('sri gopal 2 pack', draft('Z01', ['ABG', 2, 'sri gopal 2 pack']))).toContain(
      'line_not_singled_out',
    );
  });

  it('still lets the product’s own name through', () => {
    expect(decideBrand('abgel 2 pack', draft('Z01', ['ABG', 2, 'abgel 2 pack']))).toEqual([]);
  });
});

describe('a postscript', () => {
  it('takes "P.S." opening a line for framing, and a lone "P" nowhere', () => {
    const order = draft('H01', [BISON, 5, 'bison 5 bag'], [PRIMER, 2, 'primer 2 bucket']);
    expect(decide('bison 5 bag\nP.S. primer 2 bucket', order)).toEqual([]);
    expect(decide('bison 5 bag\nprimer P 2 bucket', order)).not.toEqual([]);
  });
});

describe('a rep naming themselves', () => {
  const asRep = { sender: { kind: 'rep' as const, rep: { ...rep, name: 'Anil Rao' } } };
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);

  it('is the sender before every line read, or on a line with none', () => {
    expect(decide('Anil: Verma Hardware - bison 5 bag', order, asRep)).toEqual([]);
    expect(decide('Verma Hardware - bison 5 bag\nAnil', order, asRep)).toEqual([]);
  });

  it('explains nothing after a line has begun', () => {
    expect(decide('Verma Hardware - bison 5 bag Anil', order, asRep)).toContain(
      'unexplained_words',
    );
  });
});

describe('a greeting or a "from" that is also another word', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);

  it('reads "Sat Sri Akal" whole as a greeting, never "sat" (seven) alone', () => {
    expect(decide('Sat sri akal ji. bison 5 bag', order)).toEqual([]);
    expect(decide('Sat ji. bison 5 bag', order)).toContain('unexplained_number');
  });

  it('reads "ton" as from only right after the dealer’s name', () => {
    expect(decide('Verma Hardware ton. bison 5 bag', order)).toEqual([]);
    expect(decide('bison 5 bag, ton', order)).toContain('unexplained_words');
  });

  it('reads Gujarati "thi" as from right after the dealer’s name, elsewhere as "was"', () => {
    expect(decide('Verma Hardware thi Ramesh. bison 5 bag', order)).toEqual([]);
    expect(decide('bison 5 bag, kal aaya thi', order)).toContain('closed_class_word');
  });

  it('reads "kal" before a request for the goods as tomorrow, never with a past tense', () => {
    expect(decide('bison 5 bag. Kal bhejo', order)).toEqual([]);
    expect(decide('bison 5 bag. Kal bhej diya', order)).toContain('closed_class_word');
    expect(decide('bison 5 bag. Kal bheja tha', order)).toContain('closed_class_word');
  });
});

describe('the caller’s name after where they call from', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);

  it('is the sender’s when it ends the sentence', () => {
    expect(decide('Verma Hardware se Ramesh. bison 5 bag', order)).toEqual([]);
    expect(decide('Verma Hardware nundi Ramesh Kumar. bison 5 bag', order)).toEqual([]);
  });

  it('is the sender’s when the word for speaking ends it', () => {
    expect(decide('Verma Hardware theke Ramesh bolchi. bison 5 bag', order)).toEqual([]);
    expect(decide('Verma Hardware inda Ramesh maatadtidini. bison 5 bag', order)).toEqual([]);
    expect(decide('Verma Hardware thi Ramesh bolu chhu. bison 5 bag', order)).toEqual([]);
  });

  it('takes the ways of saying "speaking from" and "write the order" for framing', () => {
    expect(decide('Verma Hardware inda maatadta iddini, order tagoli. bison 5 bag', order)).toEqual(
      [],
    );
    expect(
      decide('Verma Hardware nunchi matladutunna, order raasukondi. bison 5 bag', order),
    ).toEqual([]);
    expect(decide("Hello, I'm calling from Verma Hardware. bison 5 bag", order)).toEqual([]);
  });

  it('is not when more follows, nor another shop’s name', () => {
    expect(decide('Verma Hardware se Ramesh ke liye. bison 5 bag', order)).toContain(
      'unexplained_words',
    );
    expect(decide('Verma Hardware se Shiv. bison 5 bag', order)).not.toEqual([]);
    expect(decide('Verma Hardware theke Ramesh zorvik bolchi. bison 5 bag', order)).toContain(
      'unexplained_words',
    );
  });
});

describe('a name before "from" and the dealer, or after a greeting', () => {
  const order = draft('H01', [BISON, 5, 'bison 5 bag']);

  it('is the caller’s own name before "from" and the dealer’s name', () => {
    expect(decide('Morning, Ramesh from Verma Hardware. bison 5 bag', order)).toEqual([]);
    expect(decide('Ramesh Kumar from Verma Hardware. bison 5 bag', order)).toEqual([]);
  });

  it('explains nothing before "from" without the dealer’s name after it, or lower case', () => {
    expect(decide('Ramesh from Jaipur. bison 5 bag', order)).toContain('unexplained_words');
    expect(decide('ramesh from Verma Hardware. bison 5 bag', order)).toContain('unexplained_words');
  });

  it('is the person greeted after "Hi" or "Dear", up to a mark or the line’s end', () => {
    expect(decide('Hi Anil,\nbison 5 bag', order)).toEqual([]);
    expect(decide('Dear Anil Kumar\nbison 5 bag', order)).toEqual([]);
  });

  it('is no name when more words follow it, nor a product word', () => {
    expect(decide('Hi Anil zorvik,\nbison 5 bag', order)).toContain('unexplained_words');
    // (a word of the line's own product there only announces it: "Bison order:")
    expect(decide('Hi Primer,\nbison 5 bag', order)).not.toEqual([]);
  });
});
