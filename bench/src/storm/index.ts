// The reconnect storm benchmark (issue #19, part 4): what `pnpm bench` wires in.
export { runStormBench } from './storm-bench';
export type { StormBenchOptions } from './storm-bench';
export { stormMarkdown, stormText, writeStormReport } from './report';
export type { StormReport, StormSeries } from './types';
