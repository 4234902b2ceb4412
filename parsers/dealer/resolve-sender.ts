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
    const other = findDealerMention(directory, input.text, undefined, sender.dealer.code);
    // The sender's own name counts only outside the other's ("Gupta Electricals" inside "New
    // Gupta Electricals" is not the sender speaking of itself).
    const rest = other
      ? input.text.slice(0, other.start) + ' ' + input.text.slice(other.end)
      : input.text;
    if (
      other &&
      (namedInFull(input.text, other.dealer.name) ||
        ORDER_FOR_ANOTHER.test(input.text.toLowerCase())) &&
      !namedInFull(rest, sender.dealer.name)
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

/**
 * Words that say the order is another shop's, for a name written short ("Goyal Lights" for
 * Goyal Lights & Fans): their phone is out, the bill in their name, sent from my phone.
 */
const ORDER_FOR_ANOTHER =
  /\b(unka|unke|unki|their|his|her|avara|avaru|ena|emna|ehna|vaalla|valla|tyancha|tyanchya|tyacha|onar|ivara|ivaru)\b.{0,20}\b(phone|mobile|naam|naame|name|nu naam|peru|hesar\w*|bill)\b|\b(phone|mobile)\b.{0,12}\b(kharab|band|bandh|off|not working|dead|kettoytu|kettu|kelsa|switched off|kaam nahi)\b|\b(mere|mara|my|maza|majha|nanna|naa|en) (phone|number|mobile) (se|thi|from|varun|inda|nundi|la)\b|\b(bill|invoice)\b.{0,25}\b(naam|naame|name|peru|meeda|mele)\b/;

/** The dealer's whole trading name is in the text, word for word (case and punctuation aside). */
function namedInFull(text: string, name: string): boolean {
  const words = (t: string) => ` ${(t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
  return words(text).includes(words(name));
}
