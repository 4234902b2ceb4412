/**
 * Master data: the distributor's catalog, dealers and reps CSV files
 * (docs/parse-cli.md), loaded all-or-nothing with every problem listed.
 */
export {
  formatLoadProblem,
  formatLoadProblems,
  sortLoadProblems,
  type LoadProblem,
  type LoadResult,
} from './load-problem.js';
export { formatMinor, parseMoney, type ParseMoneyOptions, type ParseMoneyResult } from './money.js';
export {
  DEFAULT_PHONE_REGION,
  normalizePhone,
  toPhoneRegion,
  type CountryCode,
  type NormalizePhoneResult,
} from './phone.js';
export {
  normalizeColumnName,
  readCsv,
  readCsvFile,
  type CsvColumns,
  type CsvRecord,
  type CsvTable,
} from './read-csv.js';
export {
  CATALOG_COLUMNS,
  catalogRowSchema,
  loadCatalogFile,
  parseCatalogCsv,
  type CatalogRow,
} from './catalog-file.js';
export {
  DEALERS_COLUMNS,
  createDealerRowSchema,
  loadDealersFile,
  parseDealersCsv,
  type DealerRow,
  type DealersFileOptions,
} from './dealers-file.js';
export {
  REPS_COLUMNS,
  createRepRowSchema,
  loadRepsFile,
  parseRepsCsv,
  type RepRow,
  type RepsFileOptions,
} from './reps-file.js';
export { loadMasterData, type LoadMasterDataInput, type MasterData } from './load-master-data.js';
export { toCatalogItem, toDealerEntry, toRepEntry } from './to-parser-input.js';
