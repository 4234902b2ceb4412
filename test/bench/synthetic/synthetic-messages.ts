/**
 * Deterministic synthetic dealer messages of the shapes seen in practice:
 * numbered lists, comma-terse lines, prose, quantities in words, counts in
 * pieces, Hinglish, emails with signatures and quoted replies, reps ordering
 * for several shops, and non-orders (balance, status, cancel, chit-chat).
 */
import type { ParseRequest } from '../../../parsers/index.js';
import type { CatalogRow } from '../../../src/master-data/index.js';
import { createRng, type Rng } from './prng.js';
import type { SyntheticDirectory } from './synthetic-dealers.js';

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const UNIT_SPELLINGS: Record<string, string[]> = {
  case: ['case', 'cases', 'cs', 'cse', 'peti'],
  box: ['box', 'boxes', 'bx', 'dabba'],
  carton: ['carton', 'cartons', 'ctn', 'ctns'],
  bag: ['bag', 'bags', 'bori'],
  roll: ['roll', 'rolls', 'coil', 'bundle'],
  bundle: ['bundle', 'bundles', 'bdl'],
  bucket: ['bucket', 'buckets', 'bkt'],
  drum: ['drum', 'drums'],
  tin: ['tin', 'tins'],
  strip: ['strip', 'strips', 'ladi'],
  piece: ['pc', 'pcs', 'piece', 'nos'],
};
const NON_ORDERS = [
  'What is my outstanding balance?',
  'pls share ledger and balance amount',
  'Status of my order from yesterday? not received yet',
  'when will my last order be delivered',
  'Cancel my previous order please',
  'yesterday order cancel karo, galti se bheja',
  'Good morning sir',
  'ok thanks',
  'Payment done via UPI, please check',
  'send same as last week',
];
const SIGNATURES = [
  '\n\nRegards,\nRamesh\nPurchase Dept',
  '\n\nThanks & regards\nAccounts\n+91 98xxxxxx10',
  '\n\nSent from my iPhone',
  '\n\n-- \nThis email and any attachments are confidential.',
];

export interface GenerateMessagesInput {
  count: number;
  seed: number;
  catalog: readonly CatalogRow[];
  directory: SyntheticDirectory;
}

export function generateMessages(input: GenerateMessagesInput): ParseRequest[] {
  const rng = createRng(input.seed);
  const { dealers, reps } = input.directory;
  const messages: ParseRequest[] = [];
  for (let i = 0; i < input.count; i += 1) {
    const id = `bench-${i + 1}`;
    const roll = rng.next();
    const dealer = rng.pick(dealers);
    const phone = dealer.phones[0] ?? '+919000000000';
    if (roll < 0.08) {
      messages.push({ id, channel: 'whatsapp', from: phone, text: rng.pick(NON_ORDERS) });
    } else if (roll < 0.13 && reps.length > 0) {
      const rep = rng.pick(reps);
      const shops = rng.shuffle(rep.dealers).slice(0, rng.int(2, 3));
      const parts = shops.map((code) => {
        const shop = dealers.find((candidate) => candidate.code === code);
        return `For ${shop?.name ?? code}:\n${orderBody(rng, input.catalog, 'list')}`;
      });
      messages.push({
        id,
        channel: 'whatsapp',
        from: rep.phones[0] ?? phone,
        text: parts.join('\n\n'),
      });
    } else if (roll < 0.3) {
      const from = dealer.emails[0] ?? `purchase.${i}@gmail.com`;
      const body = `Dear Sir,\n\nPlease arrange the following:\n${orderBody(rng, input.catalog, 'list')}${rng.pick(SIGNATURES)}`;
      const quoted = rng.chance(0.4)
        ? `\n\nOn Mon, 3 Nov at 10:12, Sales <sales@distributor.example> wrote:\n> Dear customer,\n> your order is dispatched.\n> Regards`
        : '';
      messages.push({
        id,
        channel: 'email',
        from,
        subject: `Order - ${dealer.name}`,
        text: body + quoted,
      });
    } else if (roll < 0.38) {
      const text = `this is ${dealer.name}, ${orderBody(rng, input.catalog, 'terse')}`;
      messages.push({
        id,
        channel: rng.chance(0.5) ? 'transcript' : 'whatsapp',
        from: `+9170${String(i).padStart(8, '0')}`,
        text,
      });
    } else {
      const shape = rng.pick(['list', 'terse', 'prose', 'words', 'pieces', 'hinglish'] as const);
      messages.push({
        id,
        channel: rng.chance(0.85) ? 'whatsapp' : 'transcript',
        from: phone,
        text: orderBody(rng, input.catalog, shape),
      });
    }
  }
  return messages;
}

type Shape = 'list' | 'terse' | 'prose' | 'words' | 'pieces' | 'hinglish';

function orderBody(rng: Rng, catalog: readonly CatalogRow[], shape: Shape): string {
  const count = rng.int(1, 6);
  const items = Array.from({ length: count }, () => rng.pick(catalog));
  switch (shape) {
    case 'list':
      return items
        .map((row, i) => `${i + 1}) ${mention(rng, row)} - ${rng.int(1, 20)} ${unitWord(rng, row)}`)
        .join('\n');
    case 'terse':
      return items.map((row) => `${mention(rng, row)} ${rng.int(1, 20)}`).join(', ');
    case 'prose': {
      const parts = items.map(
        (row) => `${rng.int(1, 20)} ${unitWord(rng, row)} of ${mention(rng, row)}`,
      );
      return `Hello sir, please send ${parts.join(' and ')}. Deliver by Saturday. Thanks`;
    }
    case 'words':
      return items
        .map((row) => `${NUMBER_WORDS[rng.int(1, 20)]} ${unitWord(rng, row)} ${mention(rng, row)}`)
        .join('\n');
    case 'pieces':
      return items
        .map((row) =>
          row.packSize > 1
            ? `${mention(rng, row)} ${row.packSize * rng.int(1, 4)} ${row.pieceUnit ?? 'pcs'}`
            : `${mention(rng, row)} ${rng.int(1, 20)} pcs`,
        )
        .join('\n');
    case 'hinglish':
      return `bhai ${items.map((row) => `${mention(rng, row)} ${rng.int(1, 20)} ${unitWord(rng, row)}`).join(', ')} bhej dena jaldi`;
  }
}

function unitWord(rng: Rng, row: CatalogRow): string {
  return rng.pick(UNIT_SPELLINGS[row.unit] ?? [row.unit]);
}

/** How a dealer might refer to a SKU: full name, compact, partial, alias, code, with a typo. */
function mention(rng: Rng, row: CatalogRow): string {
  const compact = row.name.toLowerCase().replace(/(\d) (g|kg|ml|l|mm|w)\b/g, '$1$2');
  const roll = rng.next();
  if (roll < 0.15) return row.name;
  if (roll < 0.35) return compact;
  if (roll < 0.55) {
    const words = compact.split(' ');
    const [brand = '', ...rest] = words;
    return [brand, ...rest.filter(() => rng.chance(0.6))].join(' ');
  }
  if (roll < 0.7 && row.aliases.length > 0) return rng.pick(row.aliases);
  if (roll < 0.8) return row.sku;
  return typo(rng, compact);
}

function typo(rng: Rng, text: string): string {
  const words = text.split(' ');
  const index = rng.int(0, words.length - 1);
  const word = words[index] ?? '';
  if (word.length > 4) {
    const at = rng.int(1, word.length - 2);
    words[index] = word.slice(0, at) + word.slice(at + 1);
  }
  return words.join(' ');
}
