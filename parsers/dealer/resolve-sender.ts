/**
 * Who the lines are for: the dealer the channel vouches for (web chat, a transcript filed for a
 * dealer), the dealer or rep the sender's phone or email belongs to, or — for a stranger — the
 * dealer the text names, which on WhatsApp and email is a doubt (anyone can type a shop's name).
 */
import { reason } from '../review-reason.js';
import type { Channel, DealerEntry, RepEntry, ReviewReason } from '../types.js';
import type { Directory } from './compile-directory.js';
import { findDealerMention } from './find-dealer-mention.js';
import { identifySender } from './identify-sender.js';

export type ResolvedSender =
  | { kind: 'dealer'; dealer: DealerEntry | undefined }
  | { kind: 'rep'; rep: RepEntry }
  | { kind: 'unknown' };

export interface ResolveSenderInput {
  directory: Directory;
  channel: Channel;
  from: string;
  text: string;
  knownDealer?: string | null;
}

export interface SenderReading {
  sender: ResolvedSender;
  /** The dealer lines go to unless a rep names another. */
  dealer: string | null;
  /** A rep's dealers: lines go to the one named last. */
  repDealers?: Set<string>;
  doubts: ReviewReason[];
}

export function resolveSender(input: ResolveSenderInput): SenderReading {
  const { directory } = input;
  if (input.knownDealer) {
    const dealer = directory.byCode.get(input.knownDealer.toLowerCase());
    return {
      sender: { kind: 'dealer', dealer },
      dealer: dealer?.code ?? input.knownDealer,
      doubts: [],
    };
  }
  const sender = identifySender(directory, input.from);
  if (sender.kind === 'dealer') {
    // A shared phone: "my brother's shop Vetri Auto Spares' order, from my phone". The draft
    // is for the shop the text names, and a person checks it before anything is sent.
    const other = findDealerMention(directory, input.text);
    if (
      other &&
      other.dealer.code !== sender.dealer.code &&
      namedInFull(input.text, other.dealer.name) &&
      !namedInFull(input.text, sender.dealer.name)
    )
      return {
        sender,
        dealer: other.dealer.code,
        doubts: [
          reason(
            'dealer_unverified',
            `The sender ${input.from} is ${sender.dealer.name} on file; the message names ${other.dealer.name}. Check which dealer the order is for.`,
          ),
        ],
      };
    return { sender, dealer: sender.dealer.code, doubts: [] };
  }
  if (sender.kind === 'rep')
    return { sender, dealer: null, repDealers: new Set(sender.rep.dealers), doubts: [] };
  const named = findDealerMention(directory, input.text);
  if (!named) return { sender, dealer: null, doubts: [] };
  const doubts =
    input.channel !== 'transcript' && input.channel !== 'webchat'
      ? [
          reason(
            'dealer_unverified',
            `The sender ${input.from} is not on file; the message names ${named.dealer.name}. Check and link the sender.`,
          ),
        ]
      : [];
  return { sender, dealer: named.dealer.code, doubts };
}

/** The dealer's whole trading name is in the text, word for word (case and punctuation aside). */
function namedInFull(text: string, name: string): boolean {
  const words = (t: string) => ` ${(t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
  return words(text).includes(words(name));
}
