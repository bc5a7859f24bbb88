import { createPublicKey } from 'node:crypto';
import { MAX_IMAGE_BYTES, MAX_IMAGE_DIMENSION } from '@causette/protocol';
import { z } from 'zod';
import { checkMetricsToken, readCloudinaryUrl, readVapid } from './config-readers';
import { DEFAULT_MAX_SOCKETS_PER_USER } from './socket/user-socket-quota';

export { SETTINGS_HELP } from './settings-help';

// Every setting comes from the environment. Development gets defaults that work out of the box;
// production refuses to start on anything that would be unsafe there, and lists every problem at
// once so an operator fixes them in one go.

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type AsymmetricAlgorithm = 'ES256' | 'RS256';

/** The secret used when `JWT_SECRET` is unset outside production. Anyone can read it here. */
export const DEV_JWT_SECRET = 'causette-dev-secret-NOT-FOR-PRODUCTION-0123456789';

/** The longest a token may live (`exp - iat`) unless JWT_MAX_LIFETIME_SECONDS says otherwise. */
export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * The most pixels an uploaded image may have unless UPLOAD_MAX_PIXELS says otherwise: 40
 * megapixels (a 48 MP phone photo does not fit; 160 MB once a browser decodes it to RGBA).
 */
export const DEFAULT_UPLOAD_MAX_PIXELS = 40_000_000;

/**
 * Who may open a conversation with whom (CONVERSATION_POLICY): `listing`, the marketplace's rule
 * (a conversation is about a listing, between its advertiser and its owner); `open`, anyone with
 * anyone about anything (tests and development only).
 */
export type ConversationPolicyName = 'listing' | 'open';

/** How tokens are verified: an HS256 shared secret, or a public key with its pinned algorithm. */
export type JwtConfig = {
  issuer?: string;
  audience?: string;
  /** The longest lifetime accepted, in seconds; {@link DEFAULT_JWT_MAX_LIFETIME_SECONDS} when unset. */
  maxLifetimeSeconds?: number;
} & (
  | { algorithm: 'HS256'; secret: Uint8Array; isDevDefault: boolean }
  | { algorithm: AsymmetricAlgorithm; publicKeyPem: string }
);

/** Which browser origins may call this server (HTTP CORS and the socket handshake). */
export type AllowedOrigins =
  | { kind: 'list'; origins: readonly string[] }
  /** Development without `ALLOWED_ORIGINS`: any http(s) origin on localhost, 127.0.0.1 or [::1]. */
  | { kind: 'local' }
  /** `ALLOWED_ORIGINS=*`, development and test only. */
  | { kind: 'any' };

export interface CloudinaryConfig {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  signatureAlgorithm: 'sha1' | 'sha256';
}

export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** How pushes are sent (src/push); VAPID keys are in `vapid`. */
export interface PushConfig {
  /** `TTL`: how long a push service keeps a push for an unreachable browser, in seconds. */
  ttlSeconds: number;
  /** At most one push per user and conversation per this many milliseconds; 0 = every message. */
  throttleMs: number;
  /** Subscriptions to private and local endpoints accepted (development and tests only). */
  allowPrivateEndpoints: boolean;
  /** Development without VAPID_*: where the key pair made on first start is kept. */
  devKeyFile: string;
}

/** The server's settings, read from the environment by {@link loadConfig}. */
export interface ServerConfig {
  env: NodeEnv;
  port: number;
  host: string;
  /** Base URL clients reach this server at, without a trailing slash. */
  publicUrl: string;
  jwt: JwtConfig;
  database: { url?: string; pgliteDir: string; poolSize: number };
  redisUrl?: string;
  allowedOrigins: AllowedOrigins;
  cloudinary?: CloudinaryConfig;
  vapid?: VapidConfig;
  push: PushConfig;
  logLevel: LogLevel;
  rateLimit: { messages: number; windowMs: number };
  /** Requests worked on at once and waiting in line; past both, `UNAVAILABLE` (overload). */
  admission: { maxRunning: number; maxWaiting: number };
  uploads: { dir: string; maxBytes: number; maxPixels: number; folder: string };
  /** Who may open a conversation with whom; `open` is refused in production. */
  conversationPolicy: ConversationPolicyName;
  /** How long a SIGTERM drain waits for in-flight work before closing connections. */
  shutdownTimeoutMs: number;
  /**
   * The socket.io heartbeat: a ping every `intervalMs`; a client silent for `timeoutMs` after it
   * is dropped (and clients drop a server silent for both together).
   */
  heartbeat: { intervalMs: number; timeoutMs: number };
  /** Sockets one user may hold open on this process; one more is refused with `OVERLOADED`. */
  maxSocketsPerUser: number;
  /**
   * The bearer token `GET /metrics` requires. Unset: the route is open in development and absent
   * (404) elsewhere.
   */
  metricsToken?: string;
}

/** Raised by {@link loadConfig}; `problems` holds one line per bad setting. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

/** An integer setting, blank meaning unset: undefined, for a default that depends on others. */
function optionalIntSetting(min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int('must be an integer').min(min).max(max).optional(),
  );
}

function intSetting(min: number, max: number, fallback: number) {
  return optionalIntSetting(min, max).transform((value) => value ?? fallback);
}

/**
 * Requests worked on at once by default. PGlite runs every statement on the event loop's thread,
 * so more requests in flight only queue longer statements there; PostgreSQL works on its own
 * processes, and the batching runners turn more requests in flight into larger groups (a storm of
 * 5,000 reconnecting clients: 95 % back after 7.7 s at 128, 9.9 s at 32, where 313 handshakes
 * were refused because the line was full).
 */
export const DEFAULT_MAX_RUNNING_REQUESTS = { pglite: 32, postgres: 128 } as const;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intSetting(0, 65_535, 3001),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalString,
  JWT_SECRET: optionalString,
  JWT_PUBLIC_KEY: optionalString,
  JWT_ALGORITHM: z.enum(['HS256', 'ES256', 'RS256']).optional(),
  JWT_ISSUER: optionalString,
  JWT_AUDIENCE: optionalString,
  JWT_MAX_LIFETIME_SECONDS: intSetting(60, 366 * 24 * 60 * 60, DEFAULT_JWT_MAX_LIFETIME_SECONDS),
  DATABASE_URL: optionalString,
  PGLITE_DIR: z.string().trim().min(1).default('./.data/pglite'),
  REDIS_URL: optionalString,
  ALLOWED_ORIGINS: optionalString,
  CLOUDINARY_URL: optionalString,
  CLOUDINARY_SIGNATURE_ALGORITHM: z.enum(['sha1', 'sha256']).default('sha1'),
  UPLOAD_FOLDER: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -')
    .default('causette'),
  UPLOAD_DIR: z.string().trim().min(1).default('./.data/uploads'),
  UPLOAD_MAX_BYTES: intSetting(1, MAX_IMAGE_BYTES, MAX_IMAGE_BYTES),
  UPLOAD_MAX_PIXELS: intSetting(1, MAX_IMAGE_DIMENSION ** 2, DEFAULT_UPLOAD_MAX_PIXELS),
  CONVERSATION_POLICY: z.enum(['listing', 'open']).default('listing'),
  VAPID_PUBLIC_KEY: optionalString,
  VAPID_PRIVATE_KEY: optionalString,
  VAPID_SUBJECT: optionalString,
  PUSH_DEV_KEY_FILE: z.string().trim().min(1).default('./.data/vapid.json'),
  PUSH_TTL_SECONDS: intSetting(0, 2_419_200, 86_400),
  PUSH_THROTTLE_MS: intSetting(0, 3_600_000, 10_000),
  PUSH_ALLOW_PRIVATE_ENDPOINTS: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  RATE_LIMIT_MESSAGES: intSetting(1, 10_000, 20),
  RATE_LIMIT_WINDOW_MS: intSetting(100, 3_600_000, 10_000),
  DATABASE_POOL_SIZE: intSetting(1, 1_000, 10),
  MAX_RUNNING_REQUESTS: optionalIntSetting(1, 10_000),
  MAX_WAITING_REQUESTS: intSetting(0, 1_000_000, 1024),
  SHUTDOWN_TIMEOUT_MS: intSetting(0, 600_000, 10_000),
  SOCKET_PING_INTERVAL_MS: intSetting(100, 300_000, 25_000),
  SOCKET_PING_TIMEOUT_MS: intSetting(100, 300_000, 20_000),
  MAX_SOCKETS_PER_USER: intSetting(1, 10_000, DEFAULT_MAX_SOCKETS_PER_USER),
  METRICS_TOKEN: optionalString,
});

type Env = z.output<typeof envSchema>;

/** A list of problems found so far; every check adds to it rather than stopping at the first. */
type Problems = string[];

/** Reads settings from `env`; throws a {@link ConfigError} listing every bad value. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const problems: Problems = [];
  const e = parseEnv(env, problems);
  const production = e.NODE_ENV === 'production';

  const jwt = readJwt(e, production, problems);
  const allowedOrigins = readOrigins(e.ALLOWED_ORIGINS, production, problems);
  const cloudinary = e.CLOUDINARY_URL
    ? readCloudinaryUrl(e.CLOUDINARY_URL, e.CLOUDINARY_SIGNATURE_ALGORITHM, problems)
    : undefined;
  const vapid = readVapid(e, problems);
  const publicUrl = readPublicUrl(e, problems);
  checkUrl('DATABASE_URL', e.DATABASE_URL, ['postgres:', 'postgresql:'], problems);
  checkUrl('REDIS_URL', e.REDIS_URL, ['redis:', 'rediss:'], problems);
  checkMetricsToken(e.METRICS_TOKEN, e.NODE_ENV === 'development', problems);
  if (production && e.CONVERSATION_POLICY === 'open') {
    problems.push(
      'CONVERSATION_POLICY: open lets anyone start a conversation with anyone; not in production',
    );
  }
  if (production && e.PUSH_ALLOW_PRIVATE_ENDPOINTS === 'true') {
    problems.push(
      'PUSH_ALLOW_PRIVATE_ENDPOINTS: not in production (it lets users aim pushes at this network)',
    );
  }
  if (production && !e.CLOUDINARY_URL && !e.PUBLIC_URL) {
    problems.push(
      'CLOUDINARY_URL: required in production, or set PUBLIC_URL to serve uploads from this server',
    );
  }
  if (problems.length > 0 || !jwt || !allowedOrigins) throw new ConfigError(problems);

  const config: ServerConfig = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    jwt,
    database: { pgliteDir: e.PGLITE_DIR, poolSize: e.DATABASE_POOL_SIZE },
    allowedOrigins,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    rateLimit: { messages: e.RATE_LIMIT_MESSAGES, windowMs: e.RATE_LIMIT_WINDOW_MS },
    admission: {
      maxRunning:
        e.MAX_RUNNING_REQUESTS ??
        DEFAULT_MAX_RUNNING_REQUESTS[e.DATABASE_URL ? 'postgres' : 'pglite'],
      maxWaiting: e.MAX_WAITING_REQUESTS,
    },
    uploads: {
      dir: e.UPLOAD_DIR,
      maxBytes: e.UPLOAD_MAX_BYTES,
      maxPixels: e.UPLOAD_MAX_PIXELS,
      folder: e.UPLOAD_FOLDER,
    },
    conversationPolicy: e.CONVERSATION_POLICY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    heartbeat: { intervalMs: e.SOCKET_PING_INTERVAL_MS, timeoutMs: e.SOCKET_PING_TIMEOUT_MS },
    maxSocketsPerUser: e.MAX_SOCKETS_PER_USER,
    push: {
      ttlSeconds: e.PUSH_TTL_SECONDS,
      throttleMs: e.PUSH_THROTTLE_MS,
      allowPrivateEndpoints: e.PUSH_ALLOW_PRIVATE_ENDPOINTS === 'true',
      devKeyFile: e.PUSH_DEV_KEY_FILE,
    },
  };
  if (e.DATABASE_URL) config.database.url = e.DATABASE_URL;
  if (e.REDIS_URL) config.redisUrl = e.REDIS_URL;
  if (e.METRICS_TOKEN) config.metricsToken = e.METRICS_TOKEN;
  if (cloudinary) config.cloudinary = cloudinary;
  if (vapid) config.vapid = vapid;
  return config;
}

/**
 * Applies the schema; a setting that fails is reported and then replaced by its default, so the
 * checks that follow still run and the error lists every problem, not just the first kind.
 */
function parseEnv(env: Record<string, string | undefined>, problems: Problems): Env {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  problems.push(...issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const bad = new Set(issues.map((i) => String(i.path[0])));
  const rest = Object.fromEntries(Object.entries(env).filter(([key]) => !bad.has(key)));
  const retry = envSchema.safeParse(rest);
  if (!retry.success) throw new ConfigError(problems);
  return retry.data;
}

function readJwt(e: Env, production: boolean, problems: Problems): JwtConfig | undefined {
  const claims = {
    ...(e.JWT_ISSUER ? { issuer: e.JWT_ISSUER } : {}),
    ...(e.JWT_AUDIENCE ? { audience: e.JWT_AUDIENCE } : {}),
    maxLifetimeSeconds: e.JWT_MAX_LIFETIME_SECONDS,
  };
  if (e.JWT_SECRET && e.JWT_PUBLIC_KEY) {
    problems.push('JWT_SECRET, JWT_PUBLIC_KEY: set one or the other, not both');
    return undefined;
  }
  if (e.JWT_PUBLIC_KEY) {
    const algorithm = publicKeyAlgorithm(e.JWT_PUBLIC_KEY, e.JWT_ALGORITHM, problems);
    return algorithm
      ? { ...claims, algorithm, publicKeyPem: normalizePem(e.JWT_PUBLIC_KEY) }
      : undefined;
  }
  if (e.JWT_ALGORITHM && e.JWT_ALGORITHM !== 'HS256') {
    problems.push(`JWT_ALGORITHM: ${e.JWT_ALGORITHM} needs JWT_PUBLIC_KEY`);
    return undefined;
  }
  if (!e.JWT_SECRET) {
    if (production) {
      problems.push('JWT_SECRET: required in production (or JWT_PUBLIC_KEY)');
      return undefined;
    }
    return { ...claims, algorithm: 'HS256', secret: encode(DEV_JWT_SECRET), isDevDefault: true };
  }
  const secret = encode(e.JWT_SECRET);
  if (production && e.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET: the public development secret cannot be used in production');
    return undefined;
  }
  if (production && secret.byteLength < 32) {
    problems.push(`JWT_SECRET: must be at least 32 bytes in production (got ${secret.byteLength})`);
    return undefined;
  }
  return { ...claims, algorithm: 'HS256', secret, isDevDefault: false };
}

/** Checks the PEM is a public key of a kind that matches the pinned (or inferred) algorithm. */
function publicKeyAlgorithm(
  pem: string,
  pinned: Env['JWT_ALGORITHM'],
  problems: Problems,
): AsymmetricAlgorithm | undefined {
  let keyType: string | undefined;
  try {
    // Operators paste PEMs into env files with literal "\n"; accept that form too.
    const key = createPublicKey(normalizePem(pem));
    keyType = key.asymmetricKeyType;
    if (keyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      problems.push('JWT_PUBLIC_KEY: an RSA key must have at least 2048 bits');
      return undefined;
    }
    if (keyType === 'ec' && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      problems.push('JWT_PUBLIC_KEY: an EC key must be on P-256 for ES256');
      return undefined;
    }
  } catch {
    problems.push('JWT_PUBLIC_KEY: not a readable PEM public key');
    return undefined;
  }
  const fromKey: AsymmetricAlgorithm | undefined =
    keyType === 'ec' ? 'ES256' : keyType === 'rsa' ? 'RS256' : undefined;
  if (!fromKey) {
    problems.push(
      `JWT_PUBLIC_KEY: ${keyType ?? 'unknown'} keys are not supported (EC P-256 or RSA)`,
    );
    return undefined;
  }
  if (pinned && pinned !== fromKey) {
    problems.push(`JWT_ALGORITHM: ${pinned} does not match the ${keyType} key in JWT_PUBLIC_KEY`);
    return undefined;
  }
  return fromKey;
}

/** The PEM as node:crypto and jose expect it (real newlines). */
export function normalizePem(pem: string): string {
  return pem.replace(/\\n/g, '\n');
}

function readOrigins(
  raw: string | undefined,
  production: boolean,
  problems: Problems,
): AllowedOrigins | undefined {
  if (!raw) {
    if (production) {
      problems.push('ALLOWED_ORIGINS: required in production (comma-separated origins)');
      return undefined;
    }
    return { kind: 'local' };
  }
  if (raw === '*') {
    if (production) {
      problems.push('ALLOWED_ORIGINS: * is not allowed in production; list the origins');
      return undefined;
    }
    return { kind: 'any' };
  }
  const origins: string[] = [];
  for (const item of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const origin = asOrigin(item);
    if (origin) origins.push(origin);
    else problems.push(`ALLOWED_ORIGINS: "${item}" is not an origin like https://app.example.com`);
  }
  if (origins.length === 0) {
    problems.push('ALLOWED_ORIGINS: lists no origin');
    return undefined;
  }
  return { kind: 'list', origins: [...new Set(origins)] };
}

/** `item` normalized to an origin, or undefined when it has a path, query, credentials or another scheme. */
function asOrigin(item: string): string | undefined {
  if (!/^https?:\/\/[^/?#@]+\/?$/i.test(item)) return undefined;
  try {
    return new URL(item).origin;
  } catch {
    return undefined;
  }
}

function readPublicUrl(e: Env, problems: Problems): string {
  if (!e.PUBLIC_URL) {
    // A wildcard bind address is not something a browser can reach; localhost is.
    const wildcard = e.HOST === '0.0.0.0' || e.HOST === '::' || e.HOST === '[::]';
    const host = wildcard ? 'localhost' : e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
    return `http://${host}:${e.PORT}`;
  }
  try {
    const url = new URL(e.PUBLIC_URL);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) {
      return url.href.replace(/\/+$/, '');
    }
  } catch {
    // reported below
  }
  problems.push('PUBLIC_URL: expected an http(s) URL without query, like https://chat.example.com');
  return '';
}

function checkUrl(name: string, raw: string | undefined, protocols: string[], problems: Problems) {
  if (!raw) return;
  try {
    if (protocols.includes(new URL(raw).protocol)) return;
  } catch {
    // reported below
  }
  problems.push(`${name}: expected a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
