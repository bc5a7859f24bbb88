// The benchmark: a fresh PostgreSQL database, the real server started on it (its migrations make
// the schema), the data set filled in with set-based SQL, then each scenario timed through the
// server and straight on PostgreSQL, and the plans of the server's statements saved.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SEARCH_DEFAULT_LIMIT } from '@causette/protocol';
import { createTestPostgres } from '@causette/example-server/test-postgres';
import { io, type Socket } from 'socket.io-client';
import { type RunningChatServer, startChatServer } from '../load/chat-server-process';
import { SOCKET_OPTIONS, connectSocket } from '../load/connect';
import { mintToken } from '../load/tokens';
import { machineInfo } from '../report/machine';
import { type DatasetSize, FULL_SIZE, QUICK_SIZE, planConversations, userId } from './dataset';
import { fillDatabase } from './fill';
import {
  type Probe,
  type ScenarioResult,
  type Targets,
  pacersFor,
  runScenario,
  warmUp,
} from './measure';
import { METHOD } from './method';
import { type PgClient, connectPg } from './pg-client';
import { explain } from './plans';
import { QUERY_CLASSES } from './query-set';
import {
  SYNC_BEHIND_CONVERSATIONS,
  SYNC_MISSED_PER_CONVERSATION,
  type ScenarioInput,
  deepPageProbes,
  latestPageProbes,
  searchProbes,
  syncProbes,
} from './scenarios';
import { searchCountStatement, searchStatement } from './server-queries';
import { type AtSizeReport, SEARCH_P95_GOAL_MS, type SearchMatches } from './types';

export interface AtSizeOptions {
  quick: boolean;
  databaseUrl?: string;
  log: (line: string) => void;
}

/** Requests per scenario and the time each may take (it stops early and says how many it left). */
const COUNTS = {
  full: { search: 300, history: 200, sync: 100, warmUp: 48, budgetMs: 90_000 },
  quick: { search: 60, history: 30, sync: 20, warmUp: 12, budgetMs: 4_000 },
};
const ACK_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 30_000;

function emptyReport(): AtSizeReport {
  return {
    date: new Date().toISOString(),
    machine: machineInfo(),
    method: METHOD,
    database: 'postgresql',
    goal: { searchP95Ms: SEARCH_P95_GOAL_MS, searchP95: null, pass: null },
    scenarios: [],
    searchMatches: [],
    plans: [],
  };
}

async function connectUsers(server: RunningChatServer, users: number): Promise<Socket[]> {
  const secret = new TextEncoder().encode(server.jwtSecret);
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  const sockets: Socket[] = [];
  for (let user = 0; user < users; user++) {
    const token = await mintToken(secret, userId(user));
    const socket = io(server.url, { ...SOCKET_OPTIONS, auth: { token } });
    sockets.push(socket);
    await connectSocket(socket, deadline);
  }
  return sockets;
}

function scenarioList(input: ScenarioInput, counts: (typeof COUNTS)['full']) {
  const behind = SYNC_BEHIND_CONVERSATIONS;
  const missed = SYNC_MISSED_PER_CONVERSATION;
  return [
    {
      name: 'search',
      description: `message:search, first page (${Object.keys(QUERY_CLASSES).join(', ')} queries)`,
      probes: searchProbes(input, counts.search),
    },
    {
      name: 'history latest',
      description: 'message:history, latest page of 50, each of the user’s conversations in turn',
      probes: latestPageProbes(input, counts.history),
    },
    {
      name: 'history deep',
      description: 'message:history, page of 50 before a seq in the middle of the longest one',
      probes: deepPageProbes(input, counts.history),
    },
    {
      name: 'sync behind',
      description: `sync, 50 cursors, ${behind} conversations missing ${missed} messages each`,
      probes: syncProbes(input, counts.sync, behind, missed),
    },
    {
      name: 'sync current',
      description: 'sync, 50 cursors, nothing missed',
      probes: syncProbes(input, counts.sync, 0, 0),
    },
  ];
}

async function searchMatches(pg: PgClient, userMessages: number): Promise<SearchMatches[]> {
  const rows: SearchMatches[] = [];
  for (const [group, terms] of Object.entries(QUERY_CLASSES)) {
    for (const query of terms) {
      const statement = searchCountStatement(userId(0), query);
      const result = await pg.query<{ matches: number }>(statement.text, statement.values);
      const matches = Number(result.rows[0]?.matches ?? 0);
      const share = Math.round((matches / Math.max(1, userMessages)) * 10_000) / 10_000;
      rows.push({ group, query, matches, share });
    }
  }
  return rows;
}

async function savePlans(pg: PgClient, input: ScenarioInput, report: AtSizeReport): Promise<void> {
  const pick = (probes: Probe[], name: string, statement = 0) => {
    const chosen = probes[0]?.statements[statement];
    return chosen ? [{ name, statement: chosen }] : [];
  };
  // User 0 throughout: the statements of one measured user.
  const wanted = [
    ...['appartement', 'véranda', 'visite samedi', 'disponibilite', 'appart'].map((query) => ({
      name: `search "${query}"`,
      statement: searchStatement(userId(0), query, SEARCH_DEFAULT_LIMIT),
    })),
    ...pick(latestPageProbes(input, 1), 'history latest page (longest conversation)'),
    ...pick(deepPageProbes(input, 1), 'history deep page (longest conversation)'),
    ...pick(syncProbes(input, 1, SYNC_BEHIND_CONVERSATIONS, 10), 'sync: heads'),
    ...pick(
      syncProbes(input, 1, SYNC_BEHIND_CONVERSATIONS, 10),
      'sync: messages after a cursor',
      1,
    ),
    ...[0, 1, 2].flatMap((k) =>
      pick(
        syncProbes(input, 1, SYNC_BEHIND_CONVERSATIONS, 10),
        `sync: views (${['heads', 'members', 'previews'][k]})`,
        SYNC_BEHIND_CONVERSATIONS + 1 + k,
      ),
    ),
  ];
  for (const { name, statement } of wanted) report.plans.push(await explain(pg, name, statement));
}

export async function runAtSizeBench(options: AtSizeOptions): Promise<AtSizeReport> {
  const report = emptyReport();
  const { log } = options;
  if (!options.databaseUrl) {
    report.skipped = 'DATABASE_URL is not set: this benchmark runs on PostgreSQL only.';
    log(`at-size: skipped (${report.skipped})`);
    return report;
  }
  const size: DatasetSize = options.quick ? QUICK_SIZE : FULL_SIZE;
  const counts = options.quick ? COUNTS.quick : COUNTS.full;
  const plan = planConversations(size);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'causette-at-size-'));
  let database: Awaited<ReturnType<typeof createTestPostgres>> | undefined;
  let server: RunningChatServer | undefined;
  let sockets: Socket[] = [];
  let pg: PgClient | undefined;
  try {
    database = await createTestPostgres(options.databaseUrl, 'causette_bench_at_size');
    log(
      `at-size: ${size.messages.toLocaleString('en-US')} messages over ${size.conversations.toLocaleString('en-US')} conversations on PostgreSQL`,
    );
    const startedAt = performance.now();
    server = await startChatServer({
      storageEnv: { DATABASE_URL: database.url },
      uploadDir: tmp,
      logFile: path.join(tmp, 'server.log'),
    });
    const schemaMs = performance.now() - startedAt;
    log(`  server up, schema migrated: ${Math.round(schemaMs)} ms`);
    const fill = await fillDatabase(database.url, size, log);
    report.fill = { schemaMs, timings: fill.timings, sizesMiB: fill.sizesMiB };
    const mine = plan.measured[0] ?? [];
    const messagesOfMeasuredUser = mine.reduce((sum, i) => sum + (plan.lengths[i] ?? 0), 0);
    report.dataset = {
      ...size,
      messagesOfMeasuredUser,
      longestConversation: plan.lengths[0] ?? 0,
    };
    const input: ScenarioInput = { plan, conversationIds: fill.conversationIds };

    pg = await connectPg(database.url);
    sockets = await connectUsers(server, size.measuredUsers);
    const targets: Targets = {
      sockets,
      pacers: pacersFor(sockets.length, Date.now()),
      pg,
      ackTimeoutMs: ACK_TIMEOUT_MS,
    };
    const scenarios = scenarioList(input, counts);
    for (const scenario of scenarios) {
      await warmUp(
        targets,
        scenario.probes.slice(0, scenario.name === 'search' ? counts.warmUp : 4),
      );
      const result = await runScenario(targets, { ...scenario, budgetMs: counts.budgetMs });
      report.scenarios.push(result);
      log(`  ${describeScenario(result)}`);
    }
    const search = report.scenarios.find((s) => s.name === 'search')?.series[1];
    report.goal.searchP95 = search?.p95 ?? null;
    report.goal.pass = search?.p95 == null ? null : search.p95 < SEARCH_P95_GOAL_MS;
    report.searchMatches = await searchMatches(pg, messagesOfMeasuredUser);
    await savePlans(pg, input, report);
  } catch (error) {
    report.failure = (error as Error).message;
    log(`at-size: failed: ${report.failure}`);
  } finally {
    for (const socket of sockets) socket.disconnect();
    await pg?.end().catch(() => {});
    await server?.stop();
    await database
      ?.drop()
      .catch((error: Error) => log(`  could not drop the database: ${error.message}`));
    await rm(tmp, { recursive: true, force: true });
  }
  return report;
}

function describeScenario(result: ScenarioResult): string {
  const [baseline, causette] = result.series;
  const f = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  return `${result.name}: causette p50 ${f(causette.p50)} / p95 ${f(causette.p95)} ms, baseline p50 ${f(baseline.p50)} / p95 ${f(baseline.p95)} ms (${causette.count} requests)`;
}
