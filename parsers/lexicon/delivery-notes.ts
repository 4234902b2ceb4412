/**
 * A sentence about where and when the goods go — "Delivery to our godown at Baikampady
 * Industrial Area.", "Kindly confirm dispatch date.", "Deliver at site after 4 PM, contact Mr.
 * Gowda 98450 11223.", "Transport KSRTC parcel" — is for dispatch and changes no line of the
 * order. The review policy's `delivery-note.ts` explains these words only inside a sentence that
 * has a delivery word and no line and no doubt; a place's or a person's own name is explained
 * there only when capitalised. Nothing here negates, cancels, returns, complains, asks, corrects
 * or splits ("only", "rest", "half", "baaki" are absent; a test holds the lists to that), so
 * "Deliver only the cement now" or "dispatch mat karna" still go to a person.
 */
import type { WordList } from './lexicon.js';

/** The words that make a sentence a delivery note. */
export const DELIVERY_WORDS: WordList = {
  en: [
    'delivery',
    'deliver',
    'dispatch',
    'despatch',
    'transport',
    'courier',
    'parcel',
    'lr',
    'unloading',
    'godown',
    'warehouse',
    'address',
    'site',
    'cargo',
    'contact',
  ],
  // reaching the shop or site: "Kal tak pahunch jaave."
  hi: ['bilti', 'pahunch', 'pahuncha', 'pahunchana', 'pahunchna', 'pahunche', 'pahunchao'],
};

/**
 * What may stand beside the delivery word: where (the address's words), when (days, times of
 * day), to whom (a contact to call) and asking for it.
 */
export const DELIVERY_NOTE_WORDS: WordList = {
  en: [
    ...['to', 'at', 'our', 'the', 'a', 'in', 'on', 'by', 'before', 'with', 'via', 'through', 'of'],
    ...['please', 'pls', 'plz', 'kindly', 'confirm', 'arrange', 'date', 'time', 'is', 'for'],
    ...['plot', 'number', 'road', 'rd', 'cross', 'main', 'nagar', 'layout', 'area'],
    ...['industrial', 'estate', 'floor', 'block', 'phase', 'sector', 'gate', 'street', 'lane'],
    ...['colony', 'stores', 'store', 'shop', 'office', 'site', 'hub', 'lab', 'studio', 'near'],
    ...['opp', 'opposite', 'behind', 'pin', 'pincode', 'dist', 'district', 'taluk', 'village'],
    ...['contact', 'call', 'mr', 'mrs', 'ms', 'driver', 'supervisor', 'engineer', 'manager'],
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    ...['today', 'tomorrow', 'tomorrows', 'morning', 'evening', 'afternoon', 'pm', 'am'],
    ...['th', 'st', 'nd', 'rd', 'directly', 'direct', 'itself', 'after', 'together'],
    ...['immediate', 'immediately', 'asap', 'urgent', 'urgently', 'van', 'truck', 'tempo'],
  ],
  hi: [
    ...['pe', 'par', 'ko', 'ke', 'ki', 'ka', 'me', 'mein', 'se', 'tak', 'wale', 'wala'],
    ...['karna', 'karo', 'dena', 'chahiye', 'aaj', 'subah', 'shaam', 'baje'],
    ...['jana', 'jaana', 'jaave', 'jaaye', 'jaye'],
  ],
  mr: ['la', 'sathi', 'madhe'],
  gu: ['ma', 'par'],
  kn: ['ge', 'alli'],
  te: ['ki', 'ku'],
  ta: ['ku'],
  ml: ['il'],
  bn: ['e', 'te'],
  pa: ['te'],
};

/** The words after which a number is the address's ("Plot 112", "Gate No. 3", "2nd floor"). */
export const ADDRESS_NUMBER_WORDS: WordList = {
  en: ['plot', 'number', 'gate', 'floor', 'sector', 'phase', 'block', 'door', 'flat'],
};
