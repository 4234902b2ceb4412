/**
 * Number words written in a script whose letter-by-letter transliteration misses their Latin
 * spelling ("ஐந்து" comes out "aindu", Malayalam "രണ്ട്" drops its final vowel as "rant"):
 * `transliterateWord` gives them the spelling `CARDINAL_VALUES` (`numbers.ts`) knows. Words that are also
 * something else stay out, as in Latin letters ("তিন"/"तीन" as "tin", "নয়" as "noy", not), and
 * so do short ones whose letters another script's word shares ("ਛੇ", six, and Marathi "चे", of).
 */
export const SCRIPT_CARDINALS: Readonly<Record<string, readonly string[]>> = {
  onnu: ['ஒன்று', 'ഒന്ന്'],
  naangu: ['நான்கு'],
  ainthu: ['ஐந்து'],
  onbathu: ['ஒன்பது'],
  randu: ['രണ്ട്'],
  moonnu: ['മൂന്ന്'],
  anchu: ['അഞ്ച്'],
  ezhu: ['ഏഴ്'],
  ettu: ['എട്ട്'],
  ombathu: ['ഒമ്പത്'],
  pathu: ['പത്ത്'],
  irupathu: ['ഇരുപത്'],
  nooru: ['നൂറ്'],
  yedu: ['ఏడు'],
  chhoy: ['ছয়'],
  kuri: ['কুড়ি'],
  eksho: ['একশো'],
  ath: ['ਅੱਠ'],
  nau: ['ਨੌਂ'],
  vees: ['વીસ', 'वीस'],
  shambhar: ['शंभर'],
  // Bengali "দশ" is written with the same letters
  dasa: ['ଦଶ'],
};
