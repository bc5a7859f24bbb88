// `pnpm check-packages` (part of `pnpm test`): every publishable package as npm would receive it.
//
// For each package of PACKAGES it packs the tarball with pnpm (so `publishConfig` applies, as at
// publish time) and checks that:
// - its `exports` keep the workspace shape: `@causette/source` first, `types` next, `default` last,
//   and `publishConfig.exports` is the same without `@causette/source` (the tarball has no src/);
// - the tarball has LICENSE, README.md and a package.json with `repository` (this folder as its
//   `directory`), `homepage`, `bugs` and `license`, no `workspace:` range, no
//   `@causette/source` condition, and ships no TypeScript source and no test, story or fixture;
// - publint (strict) and Are the Types Wrong (`--profile esm-only`) find nothing;
// - installed from the tarball beside its dependencies, every entry loads with `import` and with
//   `require()` from CommonJS (Node 20.19+ requires ES modules), and without an optional peer the
//   entries that need it throw an error that says to install it while the others still load.
//
// `node --import tsx scripts/check-packages.ts [folder...]` checks the folders given, or every
// entry of PACKAGES. The packages are built first (turbo's cache makes that instant when they are).
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

export interface PackageCheck {
  /** The package folder, relative to the repository root. */
  dir: string;
  /**
   * Optional peer dependencies, each with the entries that need it: without the peer those must
   * throw an error saying to install it, and every other entry must still load.
   */
  optionalPeers?: Record<string, string[]>;
}

/** The packages `pnpm check-packages` checks. Add every new publishable package here. */
export const PACKAGES: PackageCheck[] = [
  { dir: 'packages/protocol', optionalPeers: { zod: ['./schemas'] } },
  { dir: 'packages/react' },
  { dir: 'packages/testing' },
  { dir: 'packages/core' },
];

const REPOSITORY_URL = 'git+https://github.com/causette/causette.git';
/** Files no tarball may hold: tests, test set-ups and helpers, fixtures, stories. */
const FORBIDDEN_FILE =
  /(^|\/)(test-[^/]*|test-setup\.[^/]*|[^/]*\.(test|spec|stories|test-fixtures)\.[^/]*)$/;
/** TypeScript sources; declarations are fine. */
const TS_SOURCE = /(?<!\.d)\.(ts|tsx|mts|cts)$/;

type Manifest = {
  name: string;
  exports?: Record<string, string | Record<string, string>>;
  publishConfig?: { exports?: Manifest['exports'] };
  repository?: { type?: string; url?: string; directory?: string } | string;
  homepage?: string;
  bugs?: string | { url?: string };
  license?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** Checks one package; returns its problems, one line each (none: it is fine to publish). */
export async function checkPackage(
  check: PackageCheck,
  options: { cwd?: string } = {},
): Promise<string[]> {
  const dir = path.resolve(options.cwd ?? root, check.dir);
  const problems: string[] = [];
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
  problems.push(...checkExportsShape(manifest));

  const temp = mkdtempSync(path.join(os.tmpdir(), 'causette-pack-'));
  try {
    const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', temp], {
      cwd: dir,
    });
    const packed = JSON.parse(stdout) as { filename: string; files: { path: string }[] };
    const files = packed.files.map((f) => f.path);
    const tarball = path.resolve(temp, packed.filename);
    for (const required of ['LICENSE', 'README.md', 'package.json']) {
      if (!files.includes(required)) problems.push(`the tarball has no ${required}`);
    }
    for (const [subpath, target] of Object.entries(manifest.publishConfig?.exports ?? {})) {
      const file = typeof target === 'string' ? target : target.default;
      if (subpath.endsWith('.css') && (!file || !files.includes(file.slice(2))))
        problems.push(`exports["${subpath}"]: ${String(file)} is not in the tarball`);
    }
    for (const file of files.filter((f) => FORBIDDEN_FILE.test(f))) {
      problems.push(`the tarball ships ${file} (a test, fixture or story)`);
    }
    const sources = files.filter((f) => TS_SOURCE.test(f) && !FORBIDDEN_FILE.test(f));
    if (sources.length > 0) {
      problems.push(
        `the tarball ships ${sources.length} TypeScript sources (${sources.slice(0, 3).join(', ')}${sources.length > 3 ? ', ...' : ''}); the source maps already hold them`,
      );
    }
    const unpacked = path.join(temp, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['-xzf', tarball, '-C', unpacked]);
    const published = JSON.parse(
      readFileSync(path.join(unpacked, 'package', 'package.json'), 'utf8'),
    ) as Manifest;
    problems.push(...checkPublishedManifest(published, check.dir));
    problems.push(...(await runPublint(tarball)));
    problems.push(...(await runAttw(tarball)));
    problems.push(
      ...(await checkLoading(
        published,
        path.join(unpacked, 'package'),
        dir,
        temp,
        check.optionalPeers ?? {},
      )),
    );
  } catch (error) {
    problems.push(`could not check: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return problems;
}

function conditionEntries(exports: Manifest['exports']) {
  return Object.entries(exports ?? {}).filter(
    (entry): entry is [string, Record<string, string>] => typeof entry[1] === 'object',
  );
}

/** `@causette/source` first, `types` next, `default` last; publishConfig.exports = exports minus the source condition. */
function checkExportsShape(manifest: Manifest): string[] {
  const problems: string[] = [];
  if (!manifest.exports) return ['package.json has no "exports"'];
  for (const [subpath, conditions] of conditionEntries(manifest.exports)) {
    const keys = Object.keys(conditions).filter((key) => key !== '@causette/source');
    if ('@causette/source' in conditions && Object.keys(conditions)[0] !== '@causette/source') {
      problems.push(`exports["${subpath}"]: "@causette/source" must come first`);
    }
    // A stylesheet has no types.
    if (keys[0] !== 'types' && !subpath.endsWith('.css'))
      problems.push(`exports["${subpath}"]: "types" must come first after "@causette/source"`);
    if (keys.at(-1) !== 'default') {
      problems.push(
        `exports["${subpath}"]: no "default" condition last (require() and other tools match none)`,
      );
    }
  }
  const expected = Object.fromEntries(
    Object.entries(manifest.exports).map(([subpath, target]) => [
      subpath,
      typeof target === 'string'
        ? target
        : Object.fromEntries(Object.entries(target).filter(([key]) => key !== '@causette/source')),
    ]),
  );
  if (JSON.stringify(manifest.publishConfig?.exports) !== JSON.stringify(expected)) {
    problems.push(
      'publishConfig.exports must be "exports" without the "@causette/source" conditions (the tarball has no src/): ' +
        JSON.stringify(expected),
    );
  }
  return problems;
}

function checkPublishedManifest(published: Manifest, dir: string): string[] {
  const problems: string[] = [];
  const repository = typeof published.repository === 'object' ? published.repository : undefined;
  if (repository?.url !== REPOSITORY_URL)
    problems.push(`package.json: repository.url must be "${REPOSITORY_URL}"`);
  if (repository?.directory !== dir)
    problems.push(`package.json: repository.directory must be "${dir}"`);
  if (!published.homepage) problems.push('package.json: no homepage');
  if (!published.bugs) problems.push('package.json: no bugs');
  if (published.license !== 'MIT') problems.push('package.json: license must be "MIT"');
  if (JSON.stringify(published.exports ?? {}).includes('@causette/source')) {
    problems.push(
      'the published exports name "@causette/source" (src/ is not shipped): is publishConfig.exports set?',
    );
  }
  for (const [name, range] of Object.entries({
    ...published.dependencies,
    ...published.peerDependencies,
  })) {
    if (range.startsWith('workspace:')) problems.push(`package.json: ${name} is still "${range}"`);
  }
  return problems;
}

async function runPublint(tarball: string): Promise<string[]> {
  const data = readFileSync(tarball);
  const tarballBuffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const { messages, pkg } = await publint({
    pack: { tarball: tarballBuffer },
    level: 'suggestion',
    strict: true,
  });
  return messages.map(
    (message) => `publint: ${formatMessage(message, pkg, { color: false }) ?? message.code}`,
  );
}

async function runAttw(tarball: string): Promise<string[]> {
  const attw = path.join(root, 'node_modules', '.bin', 'attw');
  try {
    await run(attw, [
      tarball,
      '--profile',
      'esm-only',
      '--format',
      'ascii',
      '--no-emoji',
      '--no-color',
      // Stylesheets have no types to check.
      '--exclude-entrypoints',
      './styles.css',
    ]);
    return [];
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    return [`Are the Types Wrong (esm-only profile):\n${indent(output.trim())}`];
  }
}

/**
 * Installs the unpacked package in a scratch app beside its dependencies (the workspace's copies)
 * and loads every entry with import and require(); then, for each optional peer, again without it.
 */
async function checkLoading(
  published: Manifest,
  unpacked: string,
  workspaceDir: string,
  temp: string,
  optionalPeers: Record<string, string[]>,
): Promise<string[]> {
  const problems: string[] = [];
  // Stylesheets are for bundlers, not for import() in Node; that they are packed is checked with
  // the package's files.
  const entries = Object.keys(published.exports ?? {})
    .filter((subpath) => subpath !== './package.json' && !subpath.endsWith('.css'))
    .map((subpath) => (subpath === '.' ? published.name : `${published.name}/${subpath.slice(2)}`));
  const peersMeta = published.peerDependenciesMeta ?? {};
  const wanted = [
    ...Object.keys(published.dependencies ?? {}),
    ...Object.keys(published.peerDependencies ?? {}).filter((name) => !peersMeta[name]?.optional),
  ];
  const optional = Object.keys(published.peerDependencies ?? {}).filter(
    (name) => peersMeta[name]?.optional,
  );

  for (const without of [undefined, ...Object.keys(optionalPeers)]) {
    const app = path.join(temp, without ? `app-without-${without.replace('/', '+')}` : 'app');
    const modules = path.join(app, 'node_modules');
    mkdirSync(path.dirname(path.join(modules, published.name)), { recursive: true });
    cpSync(unpacked, path.join(modules, published.name), { recursive: true });
    for (const name of [...wanted, ...optional.filter((name) => name !== without)]) {
      const found = [
        path.join(workspaceDir, 'node_modules', name),
        path.join(root, 'node_modules', name),
      ].find((p) => existsSync(p));
      if (!found) {
        if (wanted.includes(name))
          problems.push(`cannot test loading: ${name} is not installed in the workspace`);
        continue;
      }
      mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
      symlinkSync(realpathSync(found), path.join(modules, name), 'dir');
    }
    const needing = without ? (optionalPeers[without] ?? []) : [];
    const expectations = entries.map((specifier) => {
      const subpath =
        specifier === published.name ? '.' : `./${specifier.slice(published.name.length + 1)}`;
      return { specifier, mustFail: needing.includes(subpath) };
    });
    const result = await loadEntries(app, expectations, without);
    problems.push(...result.map((line) => (without ? `without ${without}: ${line}` : line)));
  }
  return problems;
}

/** Loads each entry in a fresh Node, from ESM then from CommonJS. */
async function loadEntries(
  app: string,
  expectations: { specifier: string; mustFail: boolean }[],
  peer: string | undefined,
): Promise<string[]> {
  const script = `
    const { createRequire } = require('node:module');
    const expectations = ${JSON.stringify(expectations)};
    const peer = ${JSON.stringify(peer ?? '')};
    const problems = [];
    function judge(how, specifier, mustFail, error) {
      if (!mustFail && error) problems.push(how + ' ' + specifier + ' fails: ' + (error && error.message || error));
      if (mustFail && !error) problems.push(how + ' ' + specifier + ' loads, though it needs ' + peer);
      if (mustFail && error && !(error instanceof Error && /install/i.test(error.message) && error.message.includes(peer))) {
        problems.push(how + ' ' + specifier + ' fails without saying to install ' + peer + ': ' + (error && error.message || error));
      }
    }
    (async () => {
      for (const { specifier, mustFail } of expectations) {
        let error;
        try { await import(specifier); } catch (e) { error = e; }
        judge('import', specifier, mustFail, error);
      }
      for (const { specifier, mustFail } of expectations) {
        let error;
        try { createRequire(__filename)(specifier); } catch (e) { error = e; }
        judge('require()', specifier, mustFail, error);
      }
      process.stdout.write(JSON.stringify(problems));
    })();
  `;
  const file = path.join(app, 'load-entries.cjs');
  writeFileSync(file, script);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  try {
    const { stdout } = await run(process.execPath, [file], { cwd: app, env, timeout: 30_000 });
    return JSON.parse(stdout) as string[];
  } catch (error) {
    return [
      `loading the entries crashed: ${(error as { stderr?: string }).stderr ?? String(error)}`,
    ];
  }
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

async function main(args: string[]) {
  const checks =
    args.length > 0 ? args.map((dir) => PACKAGES.find((p) => p.dir === dir) ?? { dir }) : PACKAGES;
  const started = Date.now();
  // The tarballs hold dist/: build what is checked (instant when turbo's cache has it).
  await build(checks);
  let failed = false;
  for (const check of checks) {
    const checkStarted = Date.now();
    const problems = await checkPackage(check);
    const took = `(${((Date.now() - checkStarted) / 1000).toFixed(1)} s)`;
    if (problems.length === 0) {
      console.log(`ok    ${check.dir} ${took}`);
      continue;
    }
    console.log(`FAIL  ${check.dir} ${took}`);
    for (const problem of problems) console.log(indent(`- ${problem}`));
    failed = true;
  }
  console.log(
    `checked ${checks.length} packages in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exitCode = failed ? 1 : 0;
}

async function build(checks: PackageCheck[]) {
  if (checks.length === 0) return;
  const names = checks.map(
    (c) =>
      (JSON.parse(readFileSync(path.join(root, c.dir, 'package.json'), 'utf8')) as Manifest).name,
  );
  await run(
    path.join(root, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', '--output-logs=errors-only', ...names.map((name) => `--filter=${name}`)],
    {
      cwd: root,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  await main(process.argv.slice(2));
}
