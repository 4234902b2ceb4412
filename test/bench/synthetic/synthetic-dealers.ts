/**
 * Deterministic synthetic dealers (kirana shops, electricals, hardware
 * stores) and the reps who order for some of them.
 */
import type { DealerRow, RepRow } from '../../../src/master-data/index.js';
import { createRng } from './prng.js';

const OWNERS = [
  'Sharma',
  'Gupta',
  'Patel',
  'Singh',
  'Reddy',
  'Iyer',
  'Khan',
  'Das',
  'Joshi',
  'Nair',
  'Jain',
  'Agarwal',
  'Kulkarni',
  'Yadav',
  'Shaikh',
  'Pillai',
  'Bose',
  'Mehta',
  'Chauhan',
  'Verma',
];
const KINDS = [
  'Stores',
  'Traders',
  'Enterprises',
  'Electricals',
  'Agencies',
  'General Store',
  'Kirana',
  'Hardware',
  'Paints',
  'Distributors',
  'Brothers',
  'Mart',
];
const TOWNS = ['Pune', 'Nashik', 'Nagpur', 'Aurangabad', 'Kolhapur', 'Solapur', 'Satara', 'Sangli'];
const REP_NAMES = [
  'Anil Kadam',
  'Meena Joshi',
  'Ravi Patil',
  'Sunita Rao',
  'Imran Shaikh',
  'Deepak More',
  'Kavita Desai',
  'Suresh Pawar',
  'Farah Khan',
  'Vijay Shinde',
];

export interface SyntheticDirectory {
  dealers: DealerRow[];
  reps: RepRow[];
}

export interface GenerateDirectoryInput {
  dealers: number;
  reps: number;
  seed: number;
}

export function generateDirectory(input: GenerateDirectoryInput): SyntheticDirectory {
  const rng = createRng(input.seed);
  const usedNames = new Set<string>();
  const dealers: DealerRow[] = [];
  for (let i = 0; dealers.length < input.dealers; i += 1) {
    const town = rng.pick(TOWNS);
    let name = `${rng.pick(OWNERS)} ${rng.pick(KINDS)}`;
    if (usedNames.has(name)) name = `${name}, ${town}`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    const code = `D${String(dealers.length + 1).padStart(4, '0')}`;
    const phones = [mobile(9_000_000_000 + i * 7919)];
    if (rng.chance(0.3)) phones.push(mobile(8_000_000_000 + i * 104_729));
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    dealers.push({
      code,
      name,
      phones,
      emails: rng.chance(0.4) ? [`orders@${slug}.in`] : [],
      region: town,
      priceList: rng.pick(['retail', 'wholesale', 'modern-trade']),
      creditLimitMinor: rng.chance(0.2) ? null : BigInt(rng.int(20, 500) * 100_000),
      outstandingMinor: BigInt(rng.int(0, 200_000) * 100),
    });
  }
  const reps: RepRow[] = [];
  for (let i = 0; i < input.reps; i += 1) {
    const covered = rng.shuffle(dealers).slice(0, rng.int(5, 15));
    const name = REP_NAMES[i % REP_NAMES.length] ?? 'Rep';
    reps.push({
      code: `R${String(i + 1).padStart(3, '0')}`,
      name: i < REP_NAMES.length ? name : `${name} ${Math.floor(i / REP_NAMES.length) + 1}`,
      phones: [mobile(7_000_000_000 + i * 15_485_863)],
      emails: [`${name.toLowerCase().replace(/[^a-z]+/g, '.')}@distributor.example`],
      dealers: covered.map((dealer) => dealer.code),
    });
  }
  return { dealers, reps };
}

function mobile(n: number): string {
  return `+91${String(n).slice(0, 10)}`;
}
