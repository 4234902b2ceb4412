/**
 * How words of trading names are shortened in messages ("Agarwal Bros", "Ganpati Ent."): a
 * dealer's name explains its words written either way.
 */
export const TRADE_NAME_SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  brothers: ['bros', 'bro', 'brother'],
  enterprises: ['ent', 'ents', 'enterprise', 'entp'],
  enterprise: ['ent', 'enterprises'],
  general: ['genl', 'gen'],
  stores: ['store', 'str'],
  store: ['stores', 'str'],
  traders: ['trader', 'trdrs', 'trading'],
  agencies: ['agency', 'agncy'],
  agency: ['agencies'],
  provisions: ['provision'],
  provision: ['provisions'],
  medicals: ['medical'],
  medical: ['medicals'],
  corporation: ['corp'],
  company: ['co'],
  distributors: ['distributor', 'dist'],
  electricals: ['electrical', 'elect'],
  electrical: ['electricals', 'elect'],
  hardware: ['hardwares', 'hw'],
  sons: ['son'],
  kirana: ['kiryana'],
};
