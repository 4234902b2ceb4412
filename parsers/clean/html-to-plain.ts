/**
 * Email bodies sometimes arrive as HTML only (or with HTML leftovers in the text part). Tables keep
 * their columns (separated by runs of spaces, which the table reader understands); tags and
 * entities go.
 */
import { convert } from 'html-to-text';

const LOOKS_LIKE_HTML =
  /<(br|p|div|table|tr|td|span|html|body|font|b|strong)\b[^>]*>|&(nbsp|amp|lt|gt|quot|#\d+);/i;

export function htmlToPlain(text: string): string {
  if (!LOOKS_LIKE_HTML.test(text)) return text;
  return convert(text, {
    wordwrap: false,
    selectors: [
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}
