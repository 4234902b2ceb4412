/**
 * `node:util` parseArgs with our rules: flags only (no positionals), unknown
 * flags rejected, and every mistake turned into a UsageError.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The `options` of parseArgs (its own type is not exported by @types/node 20). */
type FlagOptions = NonNullable<ParseArgsConfig['options']>;
import { UsageError } from './usage-error.js';

export function parseCommandArgs<const O extends FlagOptions>(args: string[], options: O) {
  return parseCommandLine(args, options, false).values;
}

/** As parseCommandArgs, for a command that also takes positional arguments (file names). */
export function parseCommandLine<const O extends FlagOptions>(
  args: string[],
  options: O,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for the user's mistakes.
    if (
      error instanceof Error &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

/** The value of a string flag the command cannot run without. */
export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`missing --${flag}`);
  return value;
}
