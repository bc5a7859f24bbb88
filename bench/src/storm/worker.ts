// One client process of the storm (forked by series.ts): holds a share of the pairs, both users
// of each, and reports when each of its clients was back after the server's restart.
import { coreClients } from './core-clients';
import type { StormClients } from './back-tracker';
import { type ParentMessage, type SetupMessage, type WorkerMessage, isParentMessage } from './ipc';
import { relayClients } from './relay-clients';

let clients: StormClients | undefined;
let cpuAtKill: NodeJS.CpuUsage | undefined;

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

function open(message: SetupMessage): StormClients {
  if (message.target === 'relay') return relayClients(message.url, message.runTag, message.pairs);
  if (!message.jwtSecret) throw new Error('the chat server target needs its JWT secret');
  return coreClients(message.url, message.jwtSecret, message.runTag, message.pairs);
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'setup': {
      clients = open(message);
      await clients.setUp(message.deadlineEpochMs);
      return send({ type: 'ready' });
    }
    case 'down': {
      if (!clients) throw new Error('down before set-up');
      cpuAtKill = process.cpuUsage();
      const { stillConnected, queued } = await clients.goDown(message.deadlineEpochMs);
      return send({ type: 'queued', stillConnected, queued });
    }
    case 'restarted': {
      if (!clients) throw new Error('restarted before set-up');
      clients.restarted();
      await clients.tracker.allBack(message.drainEpochMs);
      const cpu = process.cpuUsage(cpuAtKill);
      const { connectedAt, backAt } = clients.tracker;
      return send({
        type: 'result',
        result: {
          connectedAt,
          backAt,
          ...clients.tally(),
          attemptErrors: clients.attemptErrors(),
          cpuMs: (cpu.user + cpu.system) / 1000,
        },
      });
    }
  }
}

process.on('message', (message: unknown) => {
  if (!isParentMessage(message)) return;
  handle(message).catch(async (error: unknown) => {
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    clients?.close();
    process.exit(1);
  });
});
// Never outlive the benchmark that forked this process.
process.once('disconnect', () => {
  clients?.close();
  process.exit(0);
});
