// What at-size.json holds.
import type { MachineInfo } from '../load/types';
import type { DatasetSize } from './dataset';
import type { FillTimings } from './fill';
import type { ScenarioResult } from './measure';
import type { QueryPlan } from './plans';

/** The goal for `message:search`. */
export const SEARCH_P95_GOAL_MS = 20;

export interface SearchMatches {
  group: string;
  query: string;
  /** Messages of measured user 0 the query matches, and their share of the user's messages. */
  matches: number;
  share: number;
}

export interface AtSizeReport {
  date: string;
  machine: MachineInfo;
  method: string;
  /** Why nothing was measured (no DATABASE_URL), when so. */
  skipped?: string;
  database: 'postgresql';
  dataset?: DatasetSize & { messagesOfMeasuredUser: number; longestConversation: number };
  fill?: {
    /** Starting the server on the empty database (its migrations create the schema). */
    schemaMs: number;
    timings: FillTimings;
    sizesMiB: { messages: number; searchIndex: number; database: number };
  };
  goal: { searchP95Ms: number; searchP95: number | null; pass: boolean | null };
  scenarios: ScenarioResult[];
  searchMatches: SearchMatches[];
  plans: QueryPlan[];
  /** Set when the run stopped on an error; what was measured before it is kept. */
  failure?: string;
}
