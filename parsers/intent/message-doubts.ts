/**
 * Doubts about an order message as a whole, read by the reader (the review policy decides on its
 * own as well): it points at an earlier order ("same as last week"), promises an attachment
 * nobody read, or leaves part of the order open ("jitna ho", "will confirm").
 */
import { reason } from '../review-reason.js';
import type { ReviewReason } from '../types.js';

const HISTORY =
  /\bpichh?l[aei] (hafte|week|baar|mahine|order)\b.{0,30}\b(jaisa|jaise|wala|wahi|same|repeat)\b|\bwahi repeat\b|\b(last|previous) (week|month)'?s? order\b|\bsame as (last|before|previous|pichl|kal|yesterday)|\busual\b|\bsame (qty|quantity|order)\b|\bas last time\b|\blast (time|week)'?s? (order|qty|quantity)\b|\bjo har (hafte|baar|mahine|din)\b|\bwahi bhej|\brepeat (the )?(last|previous)\b|\bdouble kar|\bfrom yesterday'?s order\b|\bkal wala order\b|\bpichl[ie] (baar|order) (jaisa|wala|jitna)\b/;
const ATTACHMENT =
  /\bpfa\b|\battached\b|\battachment\b|\bplease find (the )?(attached|enclosed)|\benclosed\b/;
const UNSURE =
  /\bjitna (ho|mile|bane)\b|\bstock ke hisaa?b se\b|\bjo bhi (ho|mile)\b|\bas (per )?available\b|\bwhatever (is )?available\b|\bdekh (ke|kar) bata|\bconfirm kar(unga|enge|oge|ega)\b|\bwill confirm\b|\blet you know\b|\bbatayega\b|\bbataunga\b|\bpakka nahi\b|\bnot sure\b|\bmaybe\b|\bshayad\b/;

export interface MessageDoubtsInput {
  /** The message's text in lower-case Latin. */
  text: string;
  /** The order was read from a quoted mail the message asks to repeat. */
  usedQuoted: boolean;
  hasLines: boolean;
  /** Doubts raised so far (an order with no line and no doubt gets one). */
  raised: readonly ReviewReason[];
}

export function messageDoubts(input: MessageDoubtsInput): ReviewReason[] {
  const doubts: ReviewReason[] = [];
  if (HISTORY.test(input.text) && !input.usedQuoted)
    doubts.push(
      reason('refers_to_history', 'The message refers to an earlier order; check what it means.'),
    );
  if (ATTACHMENT.test(input.text) && !input.hasLines)
    doubts.push(
      reason('missing_attachment', 'The message mentions an attachment that was not read.'),
    );
  if (UNSURE.test(input.text))
    doubts.push(reason('uncertain', 'The dealer has not settled part of the order.'));
  if (!input.hasLines && input.raised.length === 0 && doubts.length === 0)
    doubts.push(reason('unknown_product', 'No order line could be read from the message.'));
  return doubts;
}
