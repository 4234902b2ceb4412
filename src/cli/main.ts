/**
 * Entry of `npm run cli -- <command>`. Builds the dependencies by hand and
 * sets the exit code without calling process.exit, so stdout drains first.
 */
import { pino } from 'pino';
import { loadConfig } from '../config/index.js';
import { runCli } from './run-cli.js';

const config = loadConfig();
const log = pino(
  { name: 'cli', level: config.ok ? config.config.logLevel : 'info' },
  // Synchronous on fd 2: stdout carries data only, and nothing is lost at exit.
  pino.destination({ dest: 2, sync: true }),
);

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  log,
  config,
});
