/**
 * What every `npm run cli -- <command>` module provides, and what it is given.
 */
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { LoadConfigResult } from '../config/index.js';

export interface CliDeps {
  stdin: Readable;
  /** Data only (a command's output); diagnostics go to `stderr` or `log`. */
  stdout: Writable;
  stderr: Writable;
  /** pino, writing to stderr. */
  log: Logger;
  /**
   * The environment as validated once at start. A command that needs it
   * reports its problems; one that does not (`parse`) may run without it.
   */
  config: LoadConfigResult;
}

export interface CliCommand {
  /** The full usage text, printed on `--help` and on a usage error. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], deps: CliDeps): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT_OK = 0;
/** A fault: a bug or an unexpected failure of the machine. */
export const EXIT_FAULT = 1;
/** The caller's mistake: bad arguments or bad input files. Nothing was written to stdout. */
export const EXIT_USAGE = 2;
