import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_JWT_SECRET, SETTINGS_HELP, loadConfig } from './config';

const strongSecret = 'x'.repeat(32);
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
// A VAPID pair's shape: 65-byte uncompressed point, 32-byte scalar (values need not be a real pair).
const vapid = {
  VAPID_PUBLIC_KEY: Buffer.alloc(65, 4).toString('base64url'),
  VAPID_PRIVATE_KEY: Buffer.alloc(32, 7).toString('base64url'),
  VAPID_SUBJECT: 'mailto:ops@example.com',
};
const productionBase = {
  NODE_ENV: 'production',
  JWT_SECRET: strongSecret,
  ALLOWED_ORIGINS: 'https://app.example.com',
  CLOUDINARY_URL: 'cloudinary://123:abc@demo',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig defaults', () => {
  it('starts in development with working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3001,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3001',
      database: { pgliteDir: './.data/pglite', poolSize: 10 },
      allowedOrigins: { kind: 'local' },
      logLevel: 'info',
      rateLimit: { messages: 20, windowMs: 10_000 },
      admission: { maxRunning: 32, maxWaiting: 1024 },
      uploads: { dir: './.data/uploads', maxBytes: 10 * 1024 * 1024, folder: 'causette' },
      heartbeat: { intervalMs: 25_000, timeoutMs: 20_000 },
    });
    expect(config.jwt).toMatchObject({ algorithm: 'HS256', isDevDefault: true });
    expect(config.database.url).toBeUndefined();
    expect(config.cloudinary).toBeUndefined();
    expect(config.vapid).toBeUndefined();
  });

  it('works on more requests at once on PostgreSQL than on PGlite, unless told', () => {
    const postgres = { DATABASE_URL: 'postgresql://localhost/db' };
    expect(loadConfig(postgres).admission.maxRunning).toBe(128);
    expect(loadConfig({ ...postgres, MAX_RUNNING_REQUESTS: '40' }).admission.maxRunning).toBe(40);
    expect(loadConfig({ MAX_RUNNING_REQUESTS: '' }).admission.maxRunning).toBe(32);
    expect(problemsOf({ MAX_RUNNING_REQUESTS: '0' })[0]).toMatch(/MAX_RUNNING_REQUESTS/);
  });

  it('is silent under NODE_ENV=test unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('reads values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/chat',
      PGLITE_DIR: 'memory://',
      REDIS_URL: 'redis://cache:6379',
      RATE_LIMIT_MESSAGES: '5',
      RATE_LIMIT_WINDOW_MS: '1000',
      UPLOAD_MAX_BYTES: '1000',
      SOCKET_PING_INTERVAL_MS: '5000',
      SOCKET_PING_TIMEOUT_MS: '3000',
      DATABASE_POOL_SIZE: '25',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      database: { url: 'postgres://u:p@db:5432/chat', pgliteDir: 'memory://', poolSize: 25 },
      redisUrl: 'redis://cache:6379',
      rateLimit: { messages: 5, windowMs: 1000 },
      uploads: { maxBytes: 1000 },
      heartbeat: { intervalMs: 5000, timeoutMs: 3000 },
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', JWT_SECRET: '', CLOUDINARY_URL: ' ' })).toMatchObject({
      port: 3001,
      jwt: { isDevDefault: true },
    });
  });

  it('lists the settings for --help', () => {
    const names = SETTINGS_HELP.map(([name]) => name);
    for (const name of [
      'PORT',
      'JWT_SECRET',
      'JWT_PUBLIC_KEY',
      'ALLOWED_ORIGINS',
      'CLOUDINARY_URL',
      'UPLOAD_DIR',
      'PUBLIC_URL',
      'LOG_LEVEL',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('loadConfig errors', () => {
  it('lists every bad value in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      NODE_ENV: 'staging',
      LOG_LEVEL: 'loud',
      REDIS_URL: 'http://x',
    });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/NODE_ENV/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/REDIS_URL/);
  });

  it('refuses out-of-range numbers', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT/);
    expect(problemsOf({ UPLOAD_MAX_BYTES: String(11 * 1024 * 1024) })[0]).toMatch(
      /^UPLOAD_MAX_BYTES/,
    );
    expect(problemsOf({ RATE_LIMIT_MESSAGES: '0' })[0]).toMatch(/^RATE_LIMIT_MESSAGES/);
    expect(problemsOf({ SOCKET_PING_INTERVAL_MS: '10' })[0]).toMatch(/^SOCKET_PING_INTERVAL_MS/);
  });

  it('reads the token lifetime and the per-user socket cap, and refuses bad values', () => {
    expect(loadConfig({})).toMatchObject({
      jwt: { maxLifetimeSeconds: 86_400 },
      maxSocketsPerUser: 20,
    });
    const config = loadConfig({ JWT_MAX_LIFETIME_SECONDS: '3600', MAX_SOCKETS_PER_USER: '5' });
    expect(config).toMatchObject({ jwt: { maxLifetimeSeconds: 3600 }, maxSocketsPerUser: 5 });
    expect(
      loadConfig({ JWT_PUBLIC_KEY: ecPem, JWT_MAX_LIFETIME_SECONDS: '600' }).jwt,
    ).toMatchObject({ algorithm: 'ES256', maxLifetimeSeconds: 600 });
    expect(problemsOf({ JWT_MAX_LIFETIME_SECONDS: '10' })[0]).toMatch(/^JWT_MAX_LIFETIME_SECONDS/);
    expect(problemsOf({ JWT_MAX_LIFETIME_SECONDS: '1d' })[0]).toMatch(/^JWT_MAX_LIFETIME_SECONDS/);
    expect(problemsOf({ MAX_SOCKETS_PER_USER: '0' })[0]).toMatch(/^MAX_SOCKETS_PER_USER/);
    expect(problemsOf({ DATABASE_POOL_SIZE: '0' })[0]).toMatch(/^DATABASE_POOL_SIZE/);
    const names = SETTINGS_HELP.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining(['JWT_MAX_LIFETIME_SECONDS', 'MAX_SOCKETS_PER_USER']),
    );
  });

  it('checks database and redis URLs', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/db' }).database.url).toBe(
      'postgresql://localhost/db',
    );
    expect(loadConfig({ REDIS_URL: 'rediss://h:6380' }).redisUrl).toBe('rediss://h:6380');
  });
});

describe('production refuses unsafe defaults', () => {
  it('starts with safe settings', () => {
    const config = loadConfig(productionBase);
    expect(config.env).toBe('production');
    expect(config.jwt).toMatchObject({ algorithm: 'HS256', isDevDefault: false });
  });

  it('requires JWT_SECRET, ALLOWED_ORIGINS and an upload store, all reported together', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.some((p) => p.startsWith('JWT_SECRET'))).toBe(true);
    expect(problems.some((p) => p.startsWith('ALLOWED_ORIGINS'))).toBe(true);
    expect(problems.some((p) => p.startsWith('CLOUDINARY_URL'))).toBe(true);
  });

  it('refuses a short secret or the public dev secret', () => {
    expect(problemsOf({ ...productionBase, JWT_SECRET: 'short' })[0]).toMatch(/at least 32 bytes/);
    expect(problemsOf({ ...productionBase, JWT_SECRET: DEV_JWT_SECRET })[0]).toMatch(
      /development secret/,
    );
  });

  it('accepts a short secret outside production', () => {
    expect(loadConfig({ JWT_SECRET: 'short' }).jwt).toMatchObject({
      algorithm: 'HS256',
      isDevDefault: false,
    });
  });

  it('refuses ALLOWED_ORIGINS=* in production only', () => {
    expect(problemsOf({ ...productionBase, ALLOWED_ORIGINS: '*' })[0]).toMatch(/ALLOWED_ORIGINS/);
    expect(loadConfig({ ALLOWED_ORIGINS: '*' }).allowedOrigins).toEqual({ kind: 'any' });
  });

  it('serves local uploads in production only with an explicit PUBLIC_URL', () => {
    const { CLOUDINARY_URL: _unused, ...withoutCloudinary } = productionBase;
    expect(problemsOf(withoutCloudinary)[0]).toMatch(/CLOUDINARY_URL/);
    expect(
      loadConfig({ ...withoutCloudinary, PUBLIC_URL: 'https://chat.example.com/' }).publicUrl,
    ).toBe('https://chat.example.com');
  });
});

describe('JWT settings', () => {
  it('infers ES256 or RS256 from the public key', () => {
    expect(loadConfig({ JWT_PUBLIC_KEY: ecPem }).jwt.algorithm).toBe('ES256');
    expect(loadConfig({ JWT_PUBLIC_KEY: rsaPem }).jwt.algorithm).toBe('RS256');
  });

  it('accepts a PEM with literal \\n, as env files often hold it', () => {
    const config = loadConfig({
      JWT_PUBLIC_KEY: ecPem.replace(/\n/g, '\\n'),
      JWT_ALGORITHM: 'ES256',
    });
    expect(config.jwt).toMatchObject({ algorithm: 'ES256', publicKeyPem: ecPem });
  });

  it('refuses a pinned algorithm that does not match the key', () => {
    expect(problemsOf({ JWT_PUBLIC_KEY: ecPem, JWT_ALGORITHM: 'RS256' })[0]).toMatch(
      /JWT_ALGORITHM/,
    );
    expect(problemsOf({ JWT_PUBLIC_KEY: rsaPem, JWT_ALGORITHM: 'HS256' })[0]).toMatch(
      /JWT_ALGORITHM/,
    );
    expect(problemsOf({ JWT_ALGORITHM: 'ES256' })[0]).toMatch(/needs JWT_PUBLIC_KEY/);
  });

  it('refuses garbage keys, other curves and both secret and key', () => {
    expect(problemsOf({ JWT_PUBLIC_KEY: 'not a key' })[0]).toMatch(/JWT_PUBLIC_KEY/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(problemsOf({ JWT_PUBLIC_KEY: p384 })[0]).toMatch(/P-256/);
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(problemsOf({ JWT_PUBLIC_KEY: rsa1024 })[0]).toMatch(/2048 bits/);
    expect(problemsOf({ JWT_PUBLIC_KEY: ecPem, JWT_SECRET: strongSecret })[0]).toMatch(/not both/);
  });

  it('keeps issuer and audience', () => {
    expect(loadConfig({ JWT_ISSUER: 'https://app', JWT_AUDIENCE: 'causette' }).jwt).toMatchObject({
      issuer: 'https://app',
      audience: 'causette',
    });
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('normalizes a comma-separated list', () => {
    expect(
      loadConfig({
        ALLOWED_ORIGINS: 'https://a.example.com, http://localhost:5173/ ,HTTPS://B.example.com:443',
      }).allowedOrigins,
    ).toEqual({
      kind: 'list',
      origins: ['https://a.example.com', 'http://localhost:5173', 'https://b.example.com'],
    });
  });

  it('refuses paths, queries, credentials and other schemes', () => {
    for (const bad of [
      'https://a.example.com/app',
      'https://a.example.com?x=1',
      'https://u:p@a.example.com',
      'ftp://a.example.com',
      'a.example.com',
    ]) {
      expect(problemsOf({ ALLOWED_ORIGINS: bad })[0]).toMatch(/ALLOWED_ORIGINS/);
    }
    expect(problemsOf({ ALLOWED_ORIGINS: ' , ' })[0]).toMatch(/ALLOWED_ORIGINS/);
  });
});

describe('CLOUDINARY_URL', () => {
  it('is parsed into its parts', () => {
    expect(
      loadConfig({
        CLOUDINARY_URL: 'cloudinary://123456:s3cr%2Ft@my-cloud',
        CLOUDINARY_SIGNATURE_ALGORITHM: 'sha256',
      }).cloudinary,
    ).toEqual({
      cloudName: 'my-cloud',
      apiKey: '123456',
      apiSecret: 's3cr/t',
      signatureAlgorithm: 'sha256',
    });
  });

  it('refuses a malformed URL', () => {
    for (const bad of [
      'https://123:abc@demo',
      'cloudinary://123@demo',
      'cloudinary://:abc@demo',
      'nonsense',
    ]) {
      expect(problemsOf({ CLOUDINARY_URL: bad })[0]).toMatch(/CLOUDINARY_URL/);
    }
  });
});

describe('VAPID', () => {
  it('takes all three keys', () => {
    expect(loadConfig(vapid).vapid).toEqual({
      publicKey: vapid.VAPID_PUBLIC_KEY,
      privateKey: vapid.VAPID_PRIVATE_KEY,
      subject: 'mailto:ops@example.com',
    });
  });

  it('refuses some without the others, and malformed values', () => {
    expect(problemsOf({ VAPID_PUBLIC_KEY: vapid.VAPID_PUBLIC_KEY })[0]).toMatch(
      /all three or none/,
    );
    const problems = problemsOf({
      VAPID_PUBLIC_KEY: 'abc',
      VAPID_PRIVATE_KEY: 'a+b',
      VAPID_SUBJECT: 'ops',
    });
    expect(problems).toHaveLength(3);
  });
});

describe('PUBLIC_URL', () => {
  it('defaults to the bound address, localhost for a wildcard bind', () => {
    expect(loadConfig({ HOST: '::', PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
    expect(loadConfig({ HOST: '::1', PORT: '4000' }).publicUrl).toBe('http://[::1]:4000');
  });

  it('refuses a non-http URL', () => {
    expect(problemsOf({ PUBLIC_URL: 'ftp://x' })[0]).toMatch(/PUBLIC_URL/);
    expect(problemsOf({ PUBLIC_URL: 'https://x/?a=1' })[0]).toMatch(/PUBLIC_URL/);
  });
});

describe('image pixel cap and conversation policy', () => {
  it('caps images at 40 megapixels unless UPLOAD_MAX_PIXELS says otherwise', () => {
    expect(loadConfig({}).uploads.maxPixels).toBe(40_000_000);
    expect(loadConfig({ UPLOAD_MAX_PIXELS: '1000000' }).uploads.maxPixels).toBe(1_000_000);
    expect(problemsOf({ UPLOAD_MAX_PIXELS: '0' })[0]).toMatch(/^UPLOAD_MAX_PIXELS/);
    expect(problemsOf({ UPLOAD_MAX_PIXELS: String(20_001 * 20_000) })[0]).toMatch(
      /^UPLOAD_MAX_PIXELS/,
    );
  });

  it('opens conversations by listing by default; open is explicit and never in production', () => {
    expect(loadConfig({}).conversationPolicy).toBe('listing');
    expect(loadConfig({ CONVERSATION_POLICY: 'open' }).conversationPolicy).toBe('open');
    expect(loadConfig({ NODE_ENV: 'test', CONVERSATION_POLICY: 'open' }).conversationPolicy).toBe(
      'open',
    );
    expect(problemsOf({ CONVERSATION_POLICY: 'anyone' })[0]).toMatch(/^CONVERSATION_POLICY/);
    expect(problemsOf({ ...productionBase, CONVERSATION_POLICY: 'open' })[0]).toMatch(
      /^CONVERSATION_POLICY: open .* not in production/,
    );
    const names = SETTINGS_HELP.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['UPLOAD_MAX_PIXELS', 'CONVERSATION_POLICY']));
  });
});

describe('Web Push settings', () => {
  it('has safe defaults, reads each setting, and refuses bad values', () => {
    expect(loadConfig({}).push).toEqual({
      ttlSeconds: 86_400,
      throttleMs: 10_000,
      allowPrivateEndpoints: false,
      devKeyFile: './.data/vapid.json',
    });
    const config = loadConfig({
      PUSH_TTL_SECONDS: '60',
      PUSH_THROTTLE_MS: '0',
      PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true',
      PUSH_DEV_KEY_FILE: '/tmp/keys.json',
    });
    expect(config.push).toEqual({
      ttlSeconds: 60,
      throttleMs: 0,
      allowPrivateEndpoints: true,
      devKeyFile: '/tmp/keys.json',
    });
    expect(problemsOf({ PUSH_TTL_SECONDS: '-1' })[0]).toMatch(/^PUSH_TTL_SECONDS/);
    expect(problemsOf({ PUSH_THROTTLE_MS: 'often' })[0]).toMatch(/^PUSH_THROTTLE_MS/);
    expect(problemsOf({ PUSH_ALLOW_PRIVATE_ENDPOINTS: 'yes' })[0]).toMatch(
      /^PUSH_ALLOW_PRIVATE_ENDPOINTS/,
    );
    const names = SETTINGS_HELP.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'PUSH_DEV_KEY_FILE',
        'PUSH_TTL_SECONDS',
        'PUSH_THROTTLE_MS',
        'PUSH_ALLOW_PRIVATE_ENDPOINTS',
      ]),
    );
  });

  it('never lets pushes go to private endpoints in production', () => {
    expect(loadConfig({ ...productionBase }).push.allowPrivateEndpoints).toBe(false);
    expect(problemsOf({ ...productionBase, PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true' })).toEqual([
      expect.stringMatching(/^PUSH_ALLOW_PRIVATE_ENDPOINTS: not in production/),
    ]);
  });
});

describe('METRICS_TOKEN', () => {
  it('is unset by default, read when set, and at least 16 characters outside development', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'dev' }).metricsToken).toBe('dev');
    const token = 'm3tr1cs-t0ken-0123456789';
    expect(loadConfig({ ...productionBase, METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(problemsOf({ ...productionBase, METRICS_TOKEN: 'short-token' })).toEqual([
      'METRICS_TOKEN: at least 16 characters outside development (got 11)',
    ]);
    expect(problemsOf({ NODE_ENV: 'test', METRICS_TOKEN: 'short-token' })[0]).toMatch(
      /^METRICS_TOKEN: at least 16/,
    );
    expect(problemsOf({ METRICS_TOKEN: 'two words-0123456789' })).toEqual([
      'METRICS_TOKEN: visible ASCII characters only, no spaces',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'jeton-métriques-0123456789' })[0]).toMatch(
      /^METRICS_TOKEN: visible ASCII/,
    );
    expect(SETTINGS_HELP.map(([name]) => name)).toContain('METRICS_TOKEN');
  });
});
