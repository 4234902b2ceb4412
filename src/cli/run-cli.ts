/**
 * The `npm run cli -- <command> [flags]` dispatcher: a map from command name
 * to the module that implements it, loaded only when asked for (so `parse`
 * does not load the database driver).
 */
import type { CliCommand, CliDeps } from './cli-command.js';
import { EXIT_FAULT, EXIT_USAGE } from './cli-command.js';
import { UsageError } from './usage-error.js';

interface CommandEntry {
  summary: string;
  load: () => Promise<{ command: CliCommand }>;
}

/** Adding a command: one line here, one file in `commands/`. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  parse: {
    summary: 'parse JSONL messages into draft orders, offline',
    load: () => import('./commands/parse.js'),
  },
  eval: {
    summary: 'score the parser on corpora with known answers (default: test/corpora/*)',
    load: () => import('./commands/eval.js'),
  },
  migrate: { summary: 'create + migrate the DB', load: () => import('./commands/migrate.js') },
  import: { summary: 'load a master-data CSV', load: () => import('./commands/import.js') },
  user: { summary: 'create an ops console user', load: () => import('./commands/user.js') },
  token: {
    summary: 'create, list or revoke API tokens',
    load: () => import('./commands/token.js'),
  },
  rollout: {
    summary: 'bring dealers on one at a time: on, pilot or off, per channel',
    load: () => import('./commands/rollout.js'),
  },
  dealer: {
    summary: "show or set a dealer's settings (credit policy, limits, language, rollout…)",
    load: () => import('./commands/dealer.js'),
  },
  target: {
    summary: 'set, list, enable or disable ERP export targets',
    load: () => import('./commands/target.js'),
  },
};

export function cliUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`,
  );
  return `usage: npm run cli -- <command> [flags]   (<command> --help for its flags)\n\ncommands:\n${lines.join('\n')}`;
}

/** Runs one command line; resolves to the exit code. Faults are logged, not thrown. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    deps.stderr.write(`${cliUsage()}\n`);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    deps.stderr.write(`unknown command "${name}"\n\n${cliUsage()}\n`);
    return EXIT_USAGE;
  }
  const { command } = await entry.load();
  try {
    return await command.run(args, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      deps.stderr.write(`${name}: ${error.message}\n\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    deps.log.fatal({ err: error, command: name }, 'command failed');
    return EXIT_FAULT;
  }
}
