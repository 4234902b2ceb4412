import type { DealerEntry, RepEntry } from '../types.js';

/** Dealers and reps indexed by how a message can identify them. */
export interface Directory {
  dealers: DealerEntry[];
  reps: RepEntry[];
  defaultRegion: string;
}

export interface CompileDirectoryInput {
  dealers: DealerEntry[];
  reps: RepEntry[];
  /** ISO 3166 region for numbers written without a country code. Default `IN`. */
  defaultRegion?: string;
}

export function compileDirectory(input: CompileDirectoryInput): Directory {
  return { dealers: input.dealers, reps: input.reps, defaultRegion: input.defaultRegion ?? 'IN' };
}
