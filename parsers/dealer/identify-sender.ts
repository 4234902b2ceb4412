import type { Directory } from './compile-directory.js';
import { normalizePhone } from './compile-directory.js';
import type { DealerEntry, RepEntry } from '../types.js';

export type Sender =
  { kind: 'dealer'; dealer: DealerEntry } | { kind: 'rep'; rep: RepEntry } | { kind: 'unknown' };

const senders = new WeakMap<Directory, Map<string, Sender>>();

/**
 * Who sent it: a dealer on file, a rep, or nobody we know. The same few senders write again and
 * again, and reading a phone number is not cheap: the answer is kept per directory.
 */
export function identifySender(directory: Directory, from: string): Sender {
  let known = senders.get(directory);
  if (!known) senders.set(directory, (known = new Map()));
  let sender = known.get(from);
  if (!sender) {
    sender = lookUpSender(directory, from);
    if (known.size > 10_000) known.clear();
    known.set(from, sender);
  }
  return sender;
}

function lookUpSender(directory: Directory, from: string): Sender {
  const value = from.trim();
  if (value.includes('@')) {
    const email = value.toLowerCase().replace(/^.*<([^>]+)>.*$/, '$1');
    const dealer = directory.byEmail.get(email);
    if (dealer) return { kind: 'dealer', dealer };
    const rep = directory.repByEmail.get(email);
    return rep ? { kind: 'rep', rep } : { kind: 'unknown' };
  }
  const phone = normalizePhone(value, directory.defaultRegion) ?? value;
  const dealer = directory.byPhone.get(phone);
  if (dealer) return { kind: 'dealer', dealer };
  const rep = directory.repByPhone.get(phone);
  if (rep) return { kind: 'rep', rep };
  const byCode = directory.byCode.get(value.toLowerCase());
  return byCode ? { kind: 'dealer', dealer: byCode } : { kind: 'unknown' };
}
