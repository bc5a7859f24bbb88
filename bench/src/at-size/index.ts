// Benchmark 5 of issue #19: search, history and sync of the reference server at 1,000,000
// messages on PostgreSQL, beside the same statements run straight on the database.
export { runAtSizeBench, type AtSizeOptions } from './bench';
export { writeAtSizeReport, atSizeMarkdown, scenarioRows, classRows, summaryLines } from './report';
export type { AtSizeReport } from './types';
