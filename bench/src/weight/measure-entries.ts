// Bundles every entry of a run, twice (initial load, everything), and puts them into series.
import {
  type DynamicImports,
  bundleEntry,
  bundleStylesheet,
  describeBundleError,
} from './bundle-entry';
import type { Sizes } from './compress';
import { REFERENCE_ENTRY, type SeriesName, type WeightEntry } from './entries';
import type { WeightRow, WeightSeries } from './types';
import { dependencyAlias, installedVersions } from './versions';

async function sizesOf(
  entry: WeightEntry,
  resolveDir: string,
  mode: DynamicImports,
): Promise<{ sizes: Sizes; unresolved: string[]; cssBytes: number } | { failure: string }> {
  try {
    return await bundleEntry(entry, resolveDir, mode);
  } catch (error) {
    return { failure: describeBundleError(error) };
  }
}

/** The entry's stylesheet measured, null when it has none, or why it failed. */
async function stylesheetOf(
  entry: WeightEntry,
  resolveDir: string,
): Promise<Sizes | null | string> {
  if (!entry.stylesheet) return null;
  const alias = entry.alias ? dependencyAlias(entry.alias[0], entry.alias[1], resolveDir) : {};
  try {
    return await bundleStylesheet(entry.stylesheet, resolveDir, alias);
  } catch (error) {
    return describeBundleError(error);
  }
}

/** The JavaScript's sizes: the initial load, then (unless quick) with every lazy chunk in. */
async function scriptSizes(
  entry: WeightEntry,
  resolveDir: string,
  withLazyChunks: boolean,
): Promise<Pick<WeightRow, 'initial' | 'all' | 'unresolved' | 'cssBytes' | 'failure'>> {
  const none = { initial: null, all: null, unresolved: [], cssBytes: 0 };
  const initial = await sizesOf(entry, resolveDir, 'apart');
  if ('failure' in initial) return { ...none, failure: initial.failure };
  const loaded = { ...none, initial: initial.sizes, cssBytes: initial.cssBytes };
  if (!withLazyChunks) return loaded;
  const all = await sizesOf(entry, resolveDir, 'inline');
  if ('failure' in all) return { ...loaded, failure: `all: ${all.failure}` };
  return {
    ...loaded,
    all: all.sizes,
    unresolved: all.unresolved,
    cssBytes: Math.max(initial.cssBytes, all.cssBytes),
  };
}

/**
 * One entry's row; a bundling failure becomes the row's `failure`, not an exception. With
 * `withLazyChunks: false` (quick runs) only the initial load is bundled.
 */
export async function measureEntry(
  entry: WeightEntry,
  resolveDir: string,
  withLazyChunks = true,
): Promise<WeightRow> {
  const script = await scriptSizes(entry, resolveDir, withLazyChunks);
  const stylesheet = await stylesheetOf(entry, resolveDir);
  const failures = [
    ...(script.failure ? [script.failure] : []),
    ...(typeof stylesheet === 'string' ? [`stylesheet: ${stylesheet}`] : []),
  ];
  return {
    name: entry.name,
    kind: entry.kind,
    versions: installedVersions(entry.packages, resolveDir),
    source: entry.source,
    ...script,
    ratio: null,
    stylesheet: typeof stylesheet === 'string' ? null : stylesheet,
    ...(failures.length > 0 ? { failure: failures.join('; ') } : {}),
  };
}

/** Each row's gzip over the reference entry's (both initial loads), to two decimals. */
export function withRatios(rows: readonly WeightRow[], reference = REFERENCE_ENTRY): WeightRow[] {
  const base = rows.find((row) => row.name === reference)?.initial?.gzip;
  return rows.map((row) => ({
    ...row,
    ratio: base && row.initial ? Math.round((row.initial.gzip / base) * 100) / 100 : null,
  }));
}

/** The rows grouped by series, causette first, each in the entries' order. */
export function toSeries(
  entries: readonly WeightEntry[],
  rows: readonly WeightRow[],
): WeightSeries[] {
  const names: SeriesName[] = ['causette', 'baseline'];
  return names
    .map((name) => ({
      name,
      entries: rows.filter((_, index) => entries[index]?.series === name),
    }))
    .filter((series) => series.entries.length > 0);
}

/** Bundles `entries` one after the other (esbuild uses every core already), logging each. */
export async function measureEntries(
  entries: readonly WeightEntry[],
  resolveDir: string,
  options: { withLazyChunks: boolean; log: (line: string) => void },
): Promise<WeightSeries[]> {
  const { log } = options;
  const rows: WeightRow[] = [];
  for (const entry of entries) {
    const row = await measureEntry(entry, resolveDir, options.withLazyChunks);
    log(
      row.failure && !row.initial
        ? `  ${entry.name}: failed (${row.failure})`
        : `  ${entry.name}: ${row.initial?.gzip ?? '–'} B min+gzip`,
    );
    rows.push(row);
  }
  return toSeries(entries, withRatios(rows));
}
