/**
 * The line a channel adapter (email, WhatsApp files) writes above the rows it read from attached
 * order sheets (CSV, XLSX, PDF) or from a photographed list. It tells the parser the attachments
 * were read, so "PFA" in the body asks for nothing more; a file that could not be read holds the
 * message for review instead.
 */
export const SHEET_MARKER = 'Order sheet attached:';

/** The text without the marker line, and whether it was there. */
export function takeSheetMarker(text: string): { text: string; sheetsRead: boolean } {
  if (!text.startsWith(`${SHEET_MARKER}\n`)) return { text, sheetsRead: false };
  return { text: text.slice(SHEET_MARKER.length + 1), sheetsRead: true };
}
