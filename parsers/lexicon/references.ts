/**
 * Words that mark the number after them as a reference, not a quantity: documents (invoice,
 * PO, indent, LR, challan), codes and numbers ("no.", "#"), and prices ("rate", "@", "Rs").
 * Months and time words mark dates and times. The review policy explains such a number and its
 * marker together; the marker alone explains nothing.
 */
import type { WordList } from './lexicon.js';

export const DOCUMENT_MARKERS: WordList = {
  en: [
    'invoice',
    'inv',
    'bill',
    // "Date: 07-01-2025", "dated 25.02.2025"
    'date',
    'dated',
    'dt',
    'po',
    'indent',
    'ref',
    'reference',
    'no',
    'number',
    'order',
    'challan',
    // "Ref your quotation JE/Q/118": an order placed against a quote names it by number or date
    'quotation',
    'dc',
    'lr',
    'gst',
    'gstin',
    'utr',
    'receipt',
    'batch',
    'code',
    'id',
    'pin',
    'pincode',
    'mob',
    'mobile',
    'ph',
    'phone',
    'tel',
    'contact',
    'whatsapp',
    'dated',
    'date',
    'dt',
  ],
  hi: ['bill', 'parchi'],
  und: ['#', 'no.', '№'],
};

/**
 * Parts of an address written before their number ("Plot 22", "Sector 22", "villa 14"): the
 * number is where to deliver, never a count. (Words that also name goods — "block", "gate" of a
 * gate valve — are left out.)
 */
export const ADDRESS_MARKERS: WordList = {
  en: ['plot', 'flat', 'sector', 'villa'],
};

/**
 * Words that lead into a document reference and say nothing more: "supply against our PO 4521",
 * "as per indent no. 22". They count only right before a recognised document marker.
 */
export const REFERENCE_LEADS: WordList = {
  en: ['against', 'our', 'your', 'the', 'per', 'as', 'vide', 'ref', 'reference'],
  hi: ['hamara', 'hamare'],
};

export const PRICE_MARKERS: WordList = {
  en: ['rate', 'rs', 'inr', 'mrp', 'price', 'at'],
  hi: ['rupaye', 'rupay', 'rupees', 'rupee'],
  'hi-Deva': ['रुपये', 'रु'],
  und: ['@', '₹'],
};

export const MONTHS: WordList = {
  en: [
    'jan',
    'january',
    'feb',
    'february',
    'mar',
    'march',
    'apr',
    'april',
    'may',
    'jun',
    'june',
    'jul',
    'july',
    'aug',
    'august',
    'sep',
    'sept',
    'september',
    'oct',
    'october',
    'nov',
    'november',
    'dec',
    'december',
  ],
};

/** Words after a number that count orders or shops, not goods ("teen dukaan ka order"). */
export const COUNTED_NOT_GOODS: WordList = {
  en: ['order', 'orders', 'shop', 'shops', 'dealer', 'dealers', 'party', 'parties', 'items'],
  hi: ['dukaan', 'dukan', 'dukane', 'dukaane'],
};

/** Words after a number that make it a time, a date or a span of days, never a count of goods. */
export const TIME_WORDS: WordList = {
  en: [
    'am',
    'pm',
    'hrs',
    'hours',
    'hour',
    'min',
    'mins',
    'minutes',
    'days',
    'day',
    'week',
    'weeks',
    'month',
    'months',
    'years',
    'year',
    'th',
    'st',
    'nd',
    'rd',
  ],
  hi: [
    'baje',
    'bje',
    'din',
    'ghante',
    'ghanta',
    'hafte',
    'hafta',
    'mahine',
    'mahina',
    'saal',
    'tarikh',
    'tareekh',
    'tarik',
    'tareek',
  ],
  'hi-Deva': ['बजे', 'दिन', 'तारीख'],
};
