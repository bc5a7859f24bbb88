import type { Logger } from 'pino';
import { ConfigError, SETTINGS_HELP, loadConfig, type ServerConfig } from './config';
import { createLogger } from './logger';
import { resolveVapid } from './push/vapid';
import {
  startServer,
  type RunningServer,
  type StartServerOptions,
  type DatabaseHandle,
} from './server';

/** The process around the server, injected so the command line can be tested in-process. */
export interface CliIo {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  exit: (code: number) => void;
  /** Registers a handler for SIGTERM and SIGINT. */
  onSignal: (handler: (signal: NodeJS.Signals) => void) => void;
  /** Overrides the logger (tests); pino at LOG_LEVEL otherwise. */
  logger?: (config: ServerConfig) => Logger;
}

/** `--help` text: every setting with its default and meaning. */
export function helpText(): string {
  const width = Math.max(...SETTINGS_HELP.map(([name]) => name.length));
  const lines = SETTINGS_HELP.map(([name, text]) => `  ${name.padEnd(width)}  ${text}`);
  return `Causette reference server. Settings come from the environment:\n\n${lines.join('\n')}\n`;
}

/**
 * Runs the command line: `--help` prints the settings; otherwise the configuration is loaded
 * (every problem printed, exit 1, when it is bad), the server started, and SIGTERM/SIGINT drain
 * it and exit 0 (a second signal exits 1 at once). Resolves with the running server, if any.
 */
export async function runCli<Db extends DatabaseHandle>(
  io: CliIo,
  integrations: Omit<StartServerOptions<Db>, 'logger'> = {},
): Promise<RunningServer | undefined> {
  if (io.argv.includes('--help') || io.argv.includes('-h')) {
    io.stdout(helpText());
    io.exit(0);
    return undefined;
  }
  let config: ServerConfig;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    io.stderr(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    io.exit(1);
    return undefined;
  }
  const logger = io.logger?.(config) ?? createLogger(config.logLevel);
  if (config.jwt.algorithm === 'HS256' && config.jwt.isDevDefault) {
    logger.warn('JWT_SECRET is unset: tokens are checked with the public development secret');
  }
  let server: RunningServer;
  try {
    // Before the HTTP side starts: GET /push/public-key serves the key pushes are signed with.
    server = await startServer(await resolveVapid(config, logger), { ...integrations, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    io.exit(1);
    return undefined;
  }
  let stopping = false;
  io.onSignal((signal) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      io.exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'draining');
    server.close().then(
      () => io.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        io.exit(1);
      },
    );
  });
  return server;
}
