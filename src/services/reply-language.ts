/**
 * Which language a reply is in: the dealer's own setting when it is not
 * the default English; otherwise the script the dealer last wrote in (a
 * message mostly in Devanagari is answered in Hindi, the next one in Latin
 * letters in English again). Kept on the conversation, so replies written
 * later (a confirmation, a dispatch notice) follow it too.
 */
import { templatesFor, type ReplyTemplates } from '../../templates/index.js';
import type { Executor } from '../db/transaction.js';

const DEVANAGARI = /\p{Script=Devanagari}/gu;
const LATIN = /\p{Script=Latin}/gu;

/** The language a message's script says, or null when it has too few letters to tell. */
export function languageOfScript(text: string): 'hi' | 'en' | null {
  const deva = text.match(DEVANAGARI)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (deva + latin < 3) return null;
  return deva >= latin ? 'hi' : 'en';
}

/** The dealer's setting wins unless it is the default `en`; then the conversation's. */
export function replyLanguage(
  dealerLanguage: string | null | undefined,
  conversationLanguage: string | null | undefined,
): string {
  if (dealerLanguage && dealerLanguage !== 'en') return dealerLanguage;
  return conversationLanguage ?? dealerLanguage ?? 'en';
}

/** Templates for a reply in a conversation (null: none known). */
export async function templatesForReply(
  db: Executor,
  dealerLanguage: string | null | undefined,
  conversationId: string | null,
): Promise<ReplyTemplates> {
  const conversation =
    conversationId === null
      ? undefined
      : await db
          .selectFrom('conversations')
          .select('language')
          .where('id', '=', conversationId)
          .executeTakeFirst();
  return templatesFor(replyLanguage(dealerLanguage, conversation?.language));
}
