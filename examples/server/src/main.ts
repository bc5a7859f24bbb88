import { createServer } from 'node:http';
import { SETTINGS_HELP, loadConfig } from './config';

if (process.argv.includes('--help')) {
  const width = Math.max(...SETTINGS_HELP.map(([name]) => name.length));
  process.stdout.write(
    `Causette reference server. Settings come from the environment:\n\n${SETTINGS_HELP.map(
      ([name, text]) => `  ${name.padEnd(width)}  ${text}`,
    ).join('\n')}\n`,
  );
  process.exit(0);
}

const config = loadConfig(process.env);
const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"NOT_FOUND"}');
});
server.listen(config.PORT, config.HOST, () => {
  process.stdout.write(`Causette server listening on http://${config.HOST}:${config.PORT}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
