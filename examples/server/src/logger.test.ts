import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger, summarizeError } from './logger';

const input = 'SECRET "quoted"\n    at evil (line)';

/** What drizzle throws for a query the database refused: its message lists the parameters. */
function failedQuery(): Error {
  const cause = Object.assign(new Error(`invalid input syntax for type uuid: "${input}"`), {
    code: '22P02',
    routine: 'string_to_uuid',
    detail: input,
    where: input,
  });
  return new DrizzleQueryError('select 1 where id = $1', [input], cause);
}

describe('summarizeError', () => {
  it('keeps the kind, codes and frames of an error and its causes, nothing of its message', () => {
    const summary = summarizeError(failedQuery());
    expect(summary).toMatchObject({
      type: 'DrizzleQueryError',
      cause: { type: 'Error', code: '22P02', routine: 'string_to_uuid' },
    });
    expect(summary.stack?.split('\n').every((line) => /^\s+at /.test(line))).toBe(true);
    expect(summary.stack).toContain('logger.test.ts');
    expect(JSON.stringify(summary)).not.toContain('SECRET');
  });

  it('says what was thrown when it is not an Error, and drops codes that are not identifiers', () => {
    expect(summarizeError('SECRET')).toEqual({ type: 'string' });
    expect(summarizeError(null)).toEqual({ type: 'null' });
    const odd = Object.assign(new RangeError('SECRET'), { code: 'SECRET value' });
    expect(summarizeError(odd)).toEqual({ type: 'RangeError', stack: expect.any(String) });
  });

  it('drops the stack when the message changed after the stack was written', () => {
    const error = new Error('SECRET');
    expect(error.stack).toContain('SECRET');
    error.message = 'after';
    expect(summarizeError(error)).toEqual({ type: 'Error' });
  });
});

describe('createLogger', () => {
  it('censors the fields of a logged err that can quote a query input', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const error = Object.assign(new Error('duplicate key'), {
      detail: `Key (endpoint)=(${input}) already exists.`,
      where: input,
      internalQuery: input,
      params: [input],
    });
    logger.error({ err: error }, 'failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('SECRET');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      err: { detail: '[redacted]', where: '[redacted]', params: '[redacted]' },
    });
  });

  it('logs a failed query, whose message lists its parameters, as its summary', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.error({ err: failedQuery() }, 'upsert failed');
    expect(lines[0]).not.toContain('SECRET');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      err: { type: 'DrizzleQueryError', cause: { code: '22P02' } },
    });
  });
});
