import { runCli } from './cli';

await runCli(
  {
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    exit: (code) => process.exit(code),
    onSignal: (handler) => {
      process.on('SIGTERM', handler);
      process.on('SIGINT', handler);
    },
  },
  {
    // INTEGRATION POINT: once src/db and src/socket exist, pass them here (see StartServerOptions
    // in ./server):
    //   openDatabase,                                  // from './db'
    //   seedDatabase: (db) => insertSeed(db, ...),     // development only; data from './seed'
    //   attachSocketServer,                            // from './socket'
  },
);
