/**
 * What a message that orders nothing is about, read by the review policy on its own: the words
 * of asking where an order is, what is owed, to cancel, or telling of a payment. When these
 * disagree with the intent the reader chose ("balance" words in a message read as a status
 * question), a person reads it.
 */
import type { WordList } from './lexicon.js';

export type IntentCue = 'status' | 'balance' | 'cancel' | 'payment';

export const INTENT_CUES: Record<IntentCue, WordList> = {
  status: {
    en: [
      'status',
      'where',
      'when',
      'track',
      'tracking',
      'received',
      'delivered',
      'dispatched',
      'reached',
      'arrived',
      'vehicle',
      'transport',
      'transporter',
      'eta',
      'lr',
    ],
    hi: [
      'kab',
      'kahan',
      'kaha',
      'aaya',
      'aayi',
      'aayega',
      'aaega',
      'ayega',
      'pahuncha',
      'pahunchi',
      'pahunchega',
      'mila',
      'milega',
      'gaadi',
      'gadi',
      'nikla',
      'nikli',
    ],
    'hi-Deva': ['कब', 'कहाँ', 'आया', 'आएगा', 'पहुंचा', 'मिला', 'गाड़ी'],
  },
  balance: {
    en: [
      'balance',
      'outstanding',
      'ledger',
      'statement',
      'dues',
      'due',
      'owe',
      'payable',
      'limit',
      'credit',
      'soa',
    ],
    hi: ['bakaya', 'bakaaya', 'hisab', 'hisaab', 'khata', 'khaata', 'udhar', 'udhaar'],
    'hi-Deva': ['बकाया', 'हिसाब', 'खाता', 'उधार'],
  },
  cancel: {
    en: ['cancel', 'cancelled', 'canceled', 'cancellation', 'cancil'],
    hi: ['radd', 'hata', 'hatao', 'hatado'],
    'hi-Deva': ['रद्द', 'हटा', 'हटाओ'],
  },
  payment: {
    en: [
      'paid',
      'payment',
      'transferred',
      'transfer',
      'neft',
      'rtgs',
      'imps',
      'upi',
      'utr',
      'cheque',
      'chq',
      'deposited',
      'remitted',
      'gpay',
      'phonepe',
      'paytm',
    ],
    hi: ['bheje', 'jama', 'daal', 'diye'],
  },
};
