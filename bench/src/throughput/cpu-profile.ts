// Reads a V8 CPU profile (`node --cpu-prof`) into self time per function and per package: where
// a server's time goes at a load, as a table a report can print.

/** The parts of a `.cpuprofile` this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Self time in % of the profile's samples (idle included). */
  percent: number;
}

export interface ProfileSummary {
  /** ms of profile in all. */
  totalMs: number;
  /** % of the time the thread was idle (waiting for I/O). */
  idlePercent: number;
  functions: SelfTime[];
  packages: SelfTime[];
}

const PSEUDO = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Where a function lives: a package of node_modules, node itself, or the app's own code. */
export function packageOf(url: string, functionName: string): string {
  if (PSEUDO.has(functionName)) return functionName;
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return 'node';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const workspace = /\/(packages|examples)\/([^/]+)\//.exec(url);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  return url.replace(/^file:\/\//, '');
}

function functionLabel(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (PSEUDO.has(name) || frame.url === '') return name;
  const file = frame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
  const short = file.replace(/^.*\/(packages|examples)\//, '$1/');
  return `${name} ${short}:${frame.lineNumber + 1}`;
}

function top(totals: Map<string, number>, all: number, count: number): SelfTime[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, percent: all > 0 ? (100 * us) / all : 0 }));
}

/** Self time per function and per package, the `count` heaviest of each. */
export function summarizeProfile(profile: CpuProfile, count = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let all = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const delta = Math.max(0, profile.timeDeltas[i] ?? 0);
    if (!frame) return;
    all += delta;
    if (frame.functionName === '(idle)') {
      idle += delta;
      return;
    }
    const label = functionLabel(frame);
    functions.set(label, (functions.get(label) ?? 0) + delta);
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + delta);
  });
  return {
    totalMs: all / 1000,
    idlePercent: all > 0 ? (100 * idle) / all : 0,
    functions: top(functions, all, count),
    packages: top(packages, all, count),
  };
}
