/**
 * Cuts sign-offs, signatures and legal footers: phone numbers, addresses and GST
 * numbers there are not quantities. A sign-off line ("Regards,", "Thanks", "Dhanyawad")
 * ends the message body; so do "Sent from my …", "--" and disclaimer paragraphs.
 */
import { transliterateWord } from '../text/transliterate.js';

const SIGN_OFF =
  /^(thanks( ?(&|and) ?regards)?|thank you|thanking you|thx|regards|best regards|kind regards|warm regards|with regards|rgds|br|cheers|sincerely|yours (sincerely|faithfully|truly)|dhanyawad|dhanyavad|dhanyavaad|dhanyvad|shukriya|dhanyawaad)\b[\s,.!🙏-]*(,?\s*[\p{L} .]{0,40})?$/iu;
const FOOTER =
  /^(sent (from|via|using) (my |the )?(yahoo|gmail|outlook|mail|iphone|ipad|android|samsung|galaxy|mobile|phone|smartphone|blackberry|huawei|xiaomi|redmi|oneplus|vivo|oppo|realme|motorola|nokia|windows|aol|zoho|rediff)\b[\p{L} .]{0,40}$|sent from my|get outlook for|--\s*$|—\s*$|disclaimer\b|this (e-?mail|message)( and any attachments)? (is|are) (intended|confidential)|confidentiality notice|please consider the environment)/iu;
const DEVANAGARI_SIGN_OFF = new Set(['धन्यवाद', 'शुक्रिया'].map((w) => transliterateWord(w)));

export function stripSignature(text: string): string {
  const body = cutSignature(text);
  // A postscript below the signature still belongs to the message ("P.S. make it 10").
  const postscript = text
    .slice(body.length)
    .split(/\r?\n/)
    .filter((l) => /^\s*p\.?\s?s\b/i.test(l));
  return postscript.length > 0 ? `${body}\n${postscript.join('\n')}` : body;
}

/**
 * The sign-off line the signature was cut at ("Thanks for sorting out the short supply issue."),
 * or the signature paragraph cut at its contact line: the writer's words, still to be accounted
 * for by the review policy.
 */
export function signOffLines(text: string): string[] {
  const body = cutSignature(text);
  if (body.length === text.length) return [];
  const rest = text
    .slice(body.length)
    .replace(/^\r?\n/, '')
    .split(/\r?\n/);
  const line = rest[0] ?? '';
  if (FOOTER.test(line.trim())) return [];
  // a signature paragraph cut at its contact line: all of it, for the policy to explain
  const contact = rest.findIndex((l) => l.trim() === '' || CONTACT_LINE.test(l.trim()));
  if (contact >= 0 && CONTACT_LINE.test(rest[contact]!.trim())) return rest.slice(0, contact + 1);
  return [line];
}

/** "Mob: 98453 00300", "Ph. +91 80 2345 6789": a contact line, as signatures end. */
const CONTACT_LINE =
  /^(mob(ile)?|ph(one)?|m|tel|cell|contact|whatsapp)\.?\s*(no\.?)?\s*[:.-]\s*\+?[\d\s()-]{8,}$/i;

function cutSignature(text: string): string {
  const lines = text.split(/\r?\n/);
  let firstContent = lines.findIndex((l) => l.trim() !== '');
  if (firstContent < 0) firstContent = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (FOOTER.test(line)) return lines.slice(0, i).join('\n');
    // A paragraph of its own that ends in a contact line is a signature (name, shop, address):
    // cut from where it starts, unless it is the message's first paragraph.
    if (CONTACT_LINE.test(line)) {
      let start = i;
      while (start > 0 && lines[start - 1]!.trim() !== '') start--;
      if (start > firstContent) return lines.slice(0, start).join('\n');
    }
    if (
      i > firstContent &&
      (SIGN_OFF.test(line) ||
        DEVANAGARI_SIGN_OFF.has(transliterateWord(line.replace(/[\s🙏.,!]+$/u, ''))))
    ) {
      return lines.slice(0, i).join('\n');
    }
  }
  return text;
}

/** Drops a trailing sign-off inside one line: "… 3 cs. Thanks – Manish". */
export function stripInlineSignOff(line: string): string {
  return line.replace(
    /[.,;!]?\s*(thanks|thank you|regards|dhanyawad|shukriya)\b[\s,–-]*[\p{L} .]{0,30}$/iu,
    '',
  );
}
