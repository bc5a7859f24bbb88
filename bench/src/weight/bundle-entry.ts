// Bundles one entry the way an app's build would for the browser, with the same esbuild options
// for every row, and measures the JavaScript it produces.
import { type BuildFailure, type Plugin, build, version as esbuildVersion } from 'esbuild';
import { type WeightEntry, REACT_EXTERNAL } from './entries';
import { type Sizes, measure } from './compress';

export { esbuildVersion };

/** The options every entry is bundled with (also written into the report). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  treeShaking: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
} as const;

/** `import()` targets kept apart (fetched on first use) or bundled in (everything the app may load). */
export type DynamicImports = 'apart' | 'inline';

export interface BundleResult {
  sizes: Sizes;
  /** Bare modules left out because they could not be resolved (`import()` of optional peers). */
  unresolved: string[];
  /** CSS that the JavaScript imports, in bytes (not counted in `sizes`). */
  cssBytes: number;
}

const SKIP = Symbol('resolving inside the plugin');

/**
 * Keeps `import()` targets out of the bundle when `apart`, as a browser fetches them only when
 * used; when `inline`, bundles them, except those that do not resolve (optional peers that are
 * not installed), which it names.
 */
function dynamicImports(mode: DynamicImports, unresolved: Set<string>): Plugin {
  return {
    name: 'dynamic-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === SKIP) return undefined;
        if (mode === 'apart') return { path: args.path, external: true };
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: SKIP,
        });
        if (resolved.errors.length === 0) return undefined;
        unresolved.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
}

/** Bundles `entry` from `resolveDir` (where its packages are installed) and measures the result. */
export async function bundleEntry(
  entry: WeightEntry,
  resolveDir: string,
  mode: DynamicImports,
): Promise<BundleResult> {
  const unresolved = new Set<string>();
  const result = await build({
    ...BUNDLE_OPTIONS,
    stdin: { contents: entry.source, resolveDir, loader: 'jsx', sourcefile: 'entry.jsx' },
    external: [...REACT_EXTERNAL, ...(entry.external ?? [])],
    plugins: [dynamicImports(mode, unresolved)],
    outdir: 'weight-out',
    write: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles.filter((file) => file.path.endsWith('.js'));
  const css = result.outputFiles.filter((file) => file.path.endsWith('.css'));
  if (js.length !== 1) throw new Error(`expected one JavaScript output, got ${js.length}`);
  return {
    sizes: measure(js[0]?.contents ?? new Uint8Array()),
    unresolved: [...unresolved].sort(),
    cssBytes: css.reduce((sum, file) => sum + file.contents.byteLength, 0),
  };
}

/** Files a stylesheet points at (fonts, pictures): separate downloads, left out of its size. */
const ASSETS = ['*.woff', '*.woff2', '*.ttf', '*.eot', '*.otf', '*.svg', '*.png', '*.gif', '*.jpg'];

/** Bundles and minifies the stylesheet `specifier` (its `@import`s in, assets out) and measures it. */
export async function bundleStylesheet(
  specifier: string,
  resolveDir: string,
  alias: Record<string, string> = {},
): Promise<Sizes> {
  const result = await build({
    stdin: { contents: `@import ${JSON.stringify(specifier)};`, resolveDir, loader: 'css' },
    bundle: true,
    minify: true,
    external: ASSETS,
    alias,
    outdir: 'weight-css',
    write: false,
    logLevel: 'silent',
  });
  const css = result.outputFiles.filter((file) => file.path.endsWith('.css'));
  if (css.length !== 1) throw new Error(`expected one stylesheet output, got ${css.length}`);
  return measure(css[0]?.contents ?? new Uint8Array());
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

/** A bundling error in one line per distinct message (at most three), for the table's notes. */
export function describeBundleError(error: unknown): string {
  if (!isBuildFailure(error)) return error instanceof Error ? error.message : String(error);
  const messages = [
    ...new Set(error.errors.map((e) => (e.location ? `${e.text} (${e.location.file})` : e.text))),
  ];
  const more = messages.length > 3 ? `; and ${messages.length - 3} more` : '';
  return `${messages.slice(0, 3).join('; ')}${more}`;
}
