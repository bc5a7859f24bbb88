import type { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicOnlyAgent, PrivateAddressError, publicOnlyLookup } from './public-agent';
import { type TestPushService, startTestPushService } from './push-endpoint.test-fixtures';

/** A resolver answering `answers` for every name. */
function fakeLookup(answers: LookupAddress[]): typeof dnsLookup {
  return ((_host: string, _options: unknown, callback: (...args: unknown[]) => void) =>
    callback(null, answers)) as unknown as typeof dnsLookup;
}

/** GETs `url` through `agent`; resolves with the status or rejects with the connection error. */
function get(url: string, agent: ReturnType<typeof createPublicOnlyAgent>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

let service: TestPushService;
beforeAll(async () => {
  service = await startTestPushService();
});
afterAll(() => service?.close());

describe('createPublicOnlyAgent', () => {
  it('does not connect to a private address literal', async () => {
    const agent = createPublicOnlyAgent({ ca: service.agent.options.ca });
    await expect(get(`${service.origin}/x`, agent)).rejects.toBeInstanceOf(PrivateAddressError);
    expect(service.received).toEqual([]);
  });

  it('does not connect to a name that resolves to a private address', async () => {
    const port = new URL(service.origin).port;
    const agent = createPublicOnlyAgent(
      { ca: service.agent.options.ca },
      fakeLookup([{ address: '127.0.0.1', family: 4 }]),
    );
    await expect(get(`https://push.example.com:${port}/x`, agent)).rejects.toBeInstanceOf(
      PrivateAddressError,
    );
    expect(service.received).toEqual([]);
  });
});

describe('publicOnlyLookup', () => {
  const resolve = (answers: LookupAddress[], all: boolean) =>
    new Promise<unknown>((done, fail) =>
      publicOnlyLookup(fakeLookup(answers))('push.example.com', { all }, (error, ...rest) =>
        error ? fail(error) : done(rest),
      ),
    );

  it('passes public answers through, in the form asked for', async () => {
    const answers = [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ];
    await expect(resolve(answers, false)).resolves.toEqual(['93.184.216.34', 4]);
    await expect(resolve(answers, true)).resolves.toEqual([answers]);
  });

  it('refuses when any answer is private (a name cannot smuggle one in beside a public one)', async () => {
    await expect(
      resolve(
        [
          { address: '93.184.216.34', family: 4 },
          { address: '169.254.169.254', family: 4 },
        ],
        true,
      ),
    ).rejects.toBeInstanceOf(PrivateAddressError);
  });
});
