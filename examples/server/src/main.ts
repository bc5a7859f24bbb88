import { chatServerParts } from './app';
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
  chatServerParts(),
);
