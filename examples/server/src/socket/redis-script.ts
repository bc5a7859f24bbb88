// Runs Lua scripts by their SHA1 and loads them on first use (or after a Redis restart).
import { createHash } from 'node:crypto';

/** The two commands a script needs; a node-redis 6 client (`createClient()`) has both. */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** A Lua script run atomically on Redis. */
export class RedisScript {
  private readonly sha1: string;

  constructor(private readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script; sends its text only when Redis does not know it yet. */
  async run(client: RedisScriptClient, keys: string[], args: string[]): Promise<unknown> {
    const options = { keys, arguments: args };
    try {
      return await client.evalSha(this.sha1, options);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, options);
    }
  }
}

/** Redis keys must not collide between apps (or test runs) sharing one Redis: a prefix checked once. */
export function checkKeyPrefix(prefix: string): string {
  if (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 100) {
    throw new TypeError('keyPrefix must be a non-empty string of at most 100 characters');
  }
  return prefix;
}
