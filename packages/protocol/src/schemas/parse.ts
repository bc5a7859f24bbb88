import type { z } from 'zod';

/** Outcome of validating a payload: the parsed value, or a message naming the offending field. */
export type ParseResult<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * One line per issue, each prefixed by its field path, e.g.
 * `content: must not be empty; attachment.width: Too small: expected number to be >=1`.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      // A bad record key: name the record and say what is wrong with the key, rather than
      // echoing the key itself (it may be 10 kB long) beside zod's "Invalid key in record".
      if (issue.code === 'invalid_key') {
        const record = issue.path.slice(0, -1).map(String).join('.');
        const why = issue.issues[0]?.message ?? issue.message;
        return `${record ? `${record} ` : ''}(a key): ${why}`;
      }
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Validates a client payload against `schema`, for a server answering `INVALID` with a clear message. */
export function parseClientEvent<S extends z.ZodType>(
  schema: S,
  payload: unknown,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, message: describeIssues(result.error) };
}
