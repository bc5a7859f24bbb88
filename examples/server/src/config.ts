import { z } from 'zod';

const portSchema = z.coerce.number().int().min(0).max(65_535);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: portSchema.default(3001),
  HOST: z.string().min(1).default('127.0.0.1'),
});

/** The server's settings, read from the environment. */
export type ServerConfig = z.infer<typeof envSchema>;

/** Settings, their defaults and what they do, for `--help`. */
export const SETTINGS_HELP: ReadonlyArray<readonly [name: string, description: string]> = [
  ['NODE_ENV', 'development (default), production or test'],
  ['PORT', 'port to listen on (3001)'],
  ['HOST', 'address to bind (127.0.0.1)'],
];

/** Reads settings from `env`; throws one error listing every bad value. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
