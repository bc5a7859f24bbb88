// What the server writes to its log about errors: their kind and origin, never the user's input.
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Fields of a logged `err` that can quote a query's input: PostgreSQL's `detail` (`Key
 * (endpoint)=(...) already exists`), `where` and `internalQuery`, drizzle's `params`.
 */
export const REDACTED_ERROR_FIELDS = ['detail', 'where', 'internalQuery', 'params', 'parameters'];

/**
 * The server's logger at `level`: {@link REDACTED_ERROR_FIELDS} are censored on `err`, and a
 * failed query (whose message lists its parameters) is logged as its {@link summarizeError}.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_ERROR_FIELDS.map((field) => `err.${field}`), censor: '[redacted]' },
    serializers: {
      err: (error: unknown) =>
        isFailedQuery(error) ? summarizeError(error) : pino.stdSerializers.err(error as Error),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** drizzle's `DrizzleQueryError`, known by its shape: `Failed query: ...\nparams: ...`. */
function isFailedQuery(error: unknown): boolean {
  return error instanceof Error && 'params' in error && 'query' in error;
}

/** What is logged of an unexpected error: what kind it is and where it was thrown. */
export interface ErrorSummary {
  /** The constructor's name, e.g. `DrizzleQueryError`, `DatabaseError`, `RangeError`. */
  type: string;
  /** `error.name` when it says more than `type`. */
  name?: string;
  /** A short identifier code: PostgreSQL's SQLSTATE (`22P02`), Node's (`ECONNRESET`). */
  code?: string;
  /** PostgreSQL's reporting routine, e.g. `string_to_uuid`. */
  routine?: string;
  /** The stack's frames only: its first line repeats the message. */
  stack?: string;
  cause?: ErrorSummary;
}

const IDENTIFIER = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_FRAMES = 12;
const MAX_CAUSES = 3;

/**
 * Summarizes `error` for a log line without its message or any field that may quote the input
 * (a failed query's message lists its parameters; PostgreSQL's say `invalid input syntax for
 * type uuid: "..."`). Only identifiers and stack frames are kept, and causes likewise.
 */
export function summarizeError(error: unknown, depth = 0): ErrorSummary {
  if (!(error instanceof Error)) return { type: error === null ? 'null' : typeof error };
  const summary: ErrorSummary = { type: error.constructor.name };
  if (error.name !== summary.type && IDENTIFIER.test(error.name)) summary.name = error.name;
  const { code, routine } = error as { code?: unknown; routine?: unknown };
  if (typeof code === 'string' && IDENTIFIER.test(code)) summary.code = code;
  if (typeof routine === 'string' && IDENTIFIER.test(routine)) summary.routine = routine;
  const stack = framesOf(error);
  if (stack) summary.stack = stack;
  if (error.cause !== undefined && depth < MAX_CAUSES)
    summary.cause = summarizeError(error.cause, depth + 1);
  return summary;
}

/** The frames after the message (which may span lines, and look like frames itself). */
function framesOf(error: Error): string | undefined {
  const stack = error.stack;
  if (!stack) return undefined;
  const messageEnd = error.message ? stack.indexOf(error.message) : 0;
  // The message changed after V8 wrote the stack: nothing tells where the old one ends.
  if (messageEnd < 0) return undefined;
  const frames = stack
    .slice(messageEnd + error.message.length)
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
  return frames.length > 0 ? frames.join('\n') : undefined;
}
