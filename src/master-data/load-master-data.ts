/**
 * Loads the catalog, dealers and (optional) reps files together, checking the
 * reps against the dealers, and reports the problems of all files at once.
 */
import { loadCatalogFile, type CatalogRow } from './catalog-file.js';
import { loadDealersFile, type DealerRow } from './dealers-file.js';
import type { LoadProblem, LoadResult } from './load-problem.js';
import { DEFAULT_PHONE_REGION, type CountryCode } from './phone.js';
import { loadRepsFile, type RepRow } from './reps-file.js';

export interface LoadMasterDataInput {
  catalogPath: string;
  dealersPath: string;
  /** Optional reps file; no reps when omitted. */
  repsPath?: string | null;
  /** Region for phone numbers without a country code. Default `IN`. */
  defaultRegion?: CountryCode;
}

export interface MasterData {
  catalog: CatalogRow[];
  dealers: DealerRow[];
  reps: RepRow[];
}

export async function loadMasterData(input: LoadMasterDataInput): Promise<LoadResult<MasterData>> {
  const defaultRegion = input.defaultRegion ?? DEFAULT_PHONE_REGION;
  const [catalog, dealers] = await Promise.all([
    loadCatalogFile(input.catalogPath),
    loadDealersFile(input.dealersPath, { defaultRegion }),
  ]);
  // Rep → dealer codes can only be checked against a dealers file that loaded.
  const reps: LoadResult<RepRow[]> =
    input.repsPath == null
      ? { ok: true, value: [] }
      : await loadRepsFile(input.repsPath, {
          defaultRegion,
          ...(dealers.ok ? { dealerCodes: dealers.value.map((dealer) => dealer.code) } : {}),
        });

  if (catalog.ok && dealers.ok && reps.ok) {
    return {
      ok: true,
      value: { catalog: catalog.value, dealers: dealers.value, reps: reps.value },
    };
  }
  const problems: LoadProblem[] = [catalog, dealers, reps].flatMap((result) =>
    result.ok ? [] : result.problems,
  );
  return { ok: false, problems };
}
