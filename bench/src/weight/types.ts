// Shapes of the client-weight report (weight.json).
import type { MachineInfo } from '../load/types';
import type { Sizes } from './compress';
import type { EntryKind, SeriesName } from './entries';
import type { RenderReport } from './render/types';

export interface WeightRow {
  name: string;
  kind: EntryKind;
  /** `{ package: version }` of the measured packages, as installed. */
  versions: Record<string, string>;
  /** The entry module that was bundled. */
  source: string;
  /** What the page loads: `import()` targets left apart, as they are fetched on first use. */
  initial: Sizes | null;
  /** With every `import()` target bundled in: all the app may ever load from these packages. */
  all: Sizes | null;
  /** `initial.gzip` over @causette/core's; null when either failed. */
  ratio: number | null;
  /** `import()` targets that did not resolve (optional peers not installed), left out of `all`. */
  unresolved: string[];
  /** Bytes of CSS the JavaScript imports (not counted above). */
  cssBytes: number;
  /** The kit's stylesheet on its own (UI kits that ship one); null otherwise or when it failed. */
  stylesheet: Sizes | null;
  /** Why the entry did not bundle for the browser. */
  failure?: string;
}

export interface WeightSeries {
  name: SeriesName;
  entries: WeightRow[];
}

export interface WeightReport {
  date: string;
  machine: MachineInfo;
  method: string;
  bundler: { name: 'esbuild'; version: string; options: Record<string, unknown> };
  /** `causette` first, then the peers as `baseline`. */
  series: WeightSeries[];
  /** MessageList mount and update times in Chromium, when measured. */
  render?: RenderReport;
}
