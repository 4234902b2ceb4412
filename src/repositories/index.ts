export * from './bulk.js';
export * from './catalog.repository.js';
export {
  ensurePriceLists,
  findDealerByCode,
  findDealerByEmail,
  findDealerByPhone,
  findMissingDealerCodes,
  listDealers,
  upsertDealers,
  type DealerWithContacts,
  type ListDealersInput,
  type UpsertDealerInput,
} from './dealer.repository.js';
export * from './rep.repository.js';
export {
  findEffectivePrices,
  upsertPrices,
  type FindEffectivePricesInput,
  type UpsertPriceInput,
} from './price.repository.js';
