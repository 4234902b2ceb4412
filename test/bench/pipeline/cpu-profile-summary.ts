/**
 * `npx tsx test/bench/pipeline/cpu-profile-summary.ts FILE.cpuprofile [TOP]`: where a service
 * process spent its CPU (from `npm run bench -- --profile`, or any node --cpu-prof file). Prints
 * self time by function and by module (a package under node_modules, a file of the project, or
 * node's internals), each with its share of the samples that were not idle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: cpu-profile-summary.ts FILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const root = path.resolve(import.meta.dirname, '../../..');

// Self time per node: each sample's time delta goes to the node it landed on.
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

/** node_modules/<pkg> (scoped too), a project file, or node's own code. */
function moduleOf(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return url;
  const local = url.replace(/^file:\/\//, '');
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(local);
  if (nm !== null) return nm[1]!;
  return path.relative(root, local);
}

const byFunction = new Map<string, number>();
const byModule = new Map<string, number>();
let total = 0;
let idle = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  total += us;
  if (functionName === '(idle)') {
    idle += us;
    continue;
  }
  const mod = moduleOf(url, functionName);
  const fn = `${functionName || '(anonymous)'} ${mod}${url === '' ? '' : `:${lineNumber + 1}`}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  byModule.set(mod, (byModule.get(mod) ?? 0) + us);
}
const busy = total - idle;

// Native and node-internal time (socket writes, GC-free builtins) charged to the nearest caller
// that is a package or a project file: who made the syscalls.
const parent = new Map<number, ProfileNode>();
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
const byCaller = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  const { url, functionName } = node.callFrame;
  if (us === 0 || functionName === '(idle)' || (url !== '' && !url.startsWith('node:'))) continue;
  let up = parent.get(node.id);
  while (up !== undefined && (up.callFrame.url === '' || up.callFrame.url.startsWith('node:')))
    up = parent.get(up.id);
  const caller =
    up === undefined ? '(no caller)' : moduleOf(up.callFrame.url, up.callFrame.functionName);
  const key = `${functionName || '(anonymous)'} ← ${caller}`;
  byCaller.set(key, (byCaller.get(key) ?? 0) + us);
}
void nodeById;
const out = (line: string) => process.stdout.write(`${line}\n`);
const print = (title: string, entries: Map<string, number>) => {
  out(`\n${title}`);
  for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top))
    out(
      `${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(7)} s  ${name}`,
    );
};
out(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy ` +
    `(${((100 * busy) / total).toFixed(0)}%); shares below are of busy time`,
);
print('self time by module', byModule);
print('self time by function', byFunction);
print('native and node-internal self time by the package or file that called it', byCaller);
