// The VAPID key pair pushes are signed with: from VAPID_* when set; in development, one made on
// the first start and kept in the data folder, so the demo pushes with no set-up and browsers
// stay subscribed across restarts; otherwise none, and no pushes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import webpush from 'web-push';
import type { ServerConfig, VapidConfig } from '../config';
import { readVapid } from '../config-readers';

/** The contact of development keys: push services want one, nobody reads it. */
export const DEV_VAPID_SUBJECT = 'mailto:causette-dev@example.com';

/** A new key pair as environment lines, for `pnpm vapid`. */
export function vapidEnvText(keys: { publicKey: string; privateKey: string }): string {
  return `VAPID_PUBLIC_KEY=${keys.publicKey}\nVAPID_PRIVATE_KEY=${keys.privateKey}\n`;
}

/**
 * `config` with the VAPID keys the server will use: its own, or in development the kept (or,
 * the first time, new) pair of `config.push.devKeyFile`. Without either, pushes are off: says so
 * once in the log.
 */
export async function resolveVapid(config: ServerConfig, logger: Logger): Promise<ServerConfig> {
  if (config.vapid) return config;
  if (config.env !== 'development') {
    logger.info(
      'Web Push is off: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT to send pushes',
    );
    return config;
  }
  const file = config.push.devKeyFile;
  const { vapid, created } = await loadOrCreate(file);
  logger.info(
    { file },
    created ? 'Web Push: made development VAPID keys' : 'Web Push: development VAPID keys',
  );
  return { ...config, vapid };
}

async function loadOrCreate(file: string): Promise<{ vapid: VapidConfig; created: boolean }> {
  const kept = await readKeys(file);
  if (kept) return { vapid: kept, created: false };
  const keys = webpush.generateVAPIDKeys();
  await mkdir(path.dirname(file), { recursive: true });
  try {
    // `wx`: two servers starting together keep the first pair written, not one each.
    await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const other = await readKeys(file);
    if (other) return { vapid: other, created: false };
  }
  return { vapid: { ...keys, subject: DEV_VAPID_SUBJECT }, created: true };
}

/** The pair kept in `file`, undefined when there is no file; throws when it holds something else. */
async function readKeys(file: string): Promise<VapidConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: { publicKey?: unknown; privateKey?: unknown } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // reported below
  }
  const problems: string[] = [];
  const vapid = readVapid(
    {
      VAPID_PUBLIC_KEY: typeof parsed.publicKey === 'string' ? parsed.publicKey : undefined,
      VAPID_PRIVATE_KEY: typeof parsed.privateKey === 'string' ? parsed.privateKey : undefined,
      VAPID_SUBJECT: DEV_VAPID_SUBJECT,
    },
    problems,
  );
  if (!vapid) {
    throw new Error(
      `PUSH_DEV_KEY_FILE: ${file} holds no VAPID key pair; delete it to have a new one made`,
    );
  }
  return vapid;
}
