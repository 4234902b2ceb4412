/**
 * Trade words people borrow from English and write in their own script: "বক্স" (box),
 * "లీటర్" (litre), "கேன்" (can). Transliterated they come out as "boks", "leetar", "ken", which
 * no list of units knows; `transliterateWord` gives them their English spelling instead, so a
 * unit written in a script is the same unit to the reader and the review policy. Only words
 * whose sense is the English word's; the unit lists decide what each one counts.
 */
export const SCRIPT_LOANWORDS: Readonly<Record<string, readonly string[]>> = {
  box: ['बॉक्स', 'बाक्स', 'বক্স', 'ਬਾਕਸ', 'બોક્સ', 'బాక్స్', 'ಬಾಕ್ಸ್', 'ബോക്സ്', 'பாக்ஸ்', 'ବକ୍ସ'],
  litre: ['लीटर', 'लिटर', 'লিটার', 'ਲੀਟਰ', 'લીટર', 'లీటర్', 'ಲೀಟರ್', 'ലിറ്റർ', 'லிட்டர்', 'ଲିଟର'],
  packet: ['पैकेट', 'প্যাকেট', 'ਪੈਕੇਟ', 'ਪੈਕਟ', 'પેકેટ', 'ప్యాకెట్', 'ಪ್ಯಾಕೆಟ್', 'പാക്കറ്റ്', 'பாக்கெட்'],
  bucket: ['बकेट', 'বাকেট', 'ਬਕੇਟ', 'બકેટ', 'బకెట్', 'ಬಕೆಟ್', 'ബക്കറ്റ്', 'பக்கெட்'],
  can: ['कैन', 'ক্যান', 'ਕੈਨ', 'કેન', 'క్యాన్', 'ಕ್ಯಾನ್', 'കാൻ', 'கேன்'],
  cans: ['క్యాన్లు', 'கேன்கள்'],
  carton: ['कार्टन', 'कार्टून', 'কার্টন', 'ਕਾਰਟਨ', 'કાર્ટન', 'కార్టన్', 'ಕಾರ್ಟನ್', 'കാർട്ടൺ', 'கார்டன்'],
  bottle: ['বোতল', 'ਬੋਤਲ', 'બોટલ', 'బాటిల్', 'ಬಾಟಲ್', 'ബോട്ടിൽ', 'பாட்டில்'],
  bottles: ['బాటిల్స్', 'பாட்டில்கள்'],
  piece: ['पीस', 'পিস', 'ਪੀਸ', 'પીસ', 'పీస్', 'ಪೀಸ್', 'പീസ്', 'பீஸ்'],
  dozen: ['ডজন', 'ਦਰਜਨ', 'ડઝન', 'డజన్', 'ಡಜನ್', 'ഡസൻ', 'டஜன்'],
  roll: ['रोल', 'রোল', 'ਰੋਲ', 'રોલ', 'రోల్', 'ರೋಲ್', 'റോൾ', 'ரோல்'],
  rolls: ['రోల్స్', 'ரோல்கள்'],
  order: ['ऑर्डर', 'অর্ডার', 'ਆਰਡਰ', 'ઓર્ડર', 'ఆర్డర్', 'ಆರ್ಡರ್', 'ഓർഡർ', 'ஆர்டர்'],
  tablets: ['टैबलेट्स', 'ট্যাবলেট', 'టాబ్లెట్స్', 'ಟ್ಯಾಬ್ಲೆಟ್', 'ടാബ്ലെറ്റ്', 'டேப்லெட்'],
  kg: ['কেজি', 'ಕೆಜಿ', 'కేజీ', 'केजी', 'ਕਿਲੋ', 'કિલો', 'కిలో', 'ಕಿಲೋ', 'കിലോ', 'கிலோ'],
};
