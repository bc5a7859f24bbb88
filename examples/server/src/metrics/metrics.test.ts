// The series a server exposes: names, labels from fixed lists only, one registry per server.
import { ackError, ackOk } from '@causette/protocol';
import type { Counter, Histogram } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { type ServerMetrics, createServerMetrics } from './metrics';

/** The value of `name` with exactly `labels`, as prom-client reports it. */
async function valueOf(
  metrics: ServerMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name) as Counter | undefined;
  const { values } = await metric!.get();
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return values.find((v) => JSON.stringify(Object.entries(v.labels).sort()) === wanted)?.value;
}

/** How many values `name`'s histogram holds for `labels`. */
async function countOf(
  metrics: ServerMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name) as Histogram | undefined;
  const { values } = await metric!.get();
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return values.find(
    (v) =>
      v.metricName === `${name}_count` &&
      JSON.stringify(Object.entries(v.labels).sort()) === wanted,
  )?.value;
}

describe('createServerMetrics', () => {
  it('counts answers by event and error code, and every unknown event under "unknown"', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    const started = performance.now();
    metrics.answered('message:send', started, ackOk({}));
    metrics.answered('message:send', started, ackError('INVALID', 'content: required'));
    metrics.answered('conversation:get', started, ackError('FORBIDDEN', 'not a member'));
    metrics.answered('user-42:my secret', started, ackError('INVALID', 'unknown event'));
    metrics.answered('unknown event', started, ackError('INVALID', 'unknown event'));

    const latency = 'causette_ack_duration_seconds';
    expect(await countOf(metrics, latency, { event: 'message:send' })).toBe(2);
    expect(await countOf(metrics, latency, { event: 'conversation:get' })).toBe(1);
    expect(await countOf(metrics, latency, { event: 'unknown' })).toBe(2);
    const errors = 'causette_request_errors_total';
    expect(await valueOf(metrics, errors, { event: 'message:send', code: 'INVALID' })).toBe(1);
    expect(await valueOf(metrics, errors, { event: 'conversation:get', code: 'FORBIDDEN' })).toBe(
      1,
    );
    expect(await valueOf(metrics, errors, { event: 'unknown', code: 'INVALID' })).toBe(2);
    // Known series exist at 0 before anything happens to them.
    expect(await valueOf(metrics, errors, { event: 'sync', code: 'INTERNAL' })).toBe(0);

    const text = await metrics.text();
    expect(text).not.toMatch(/user-42|secret/);
  });

  it('counts refusals, handshakes, messages, pushes and sockets on fixed labels', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    metrics.rateLimited('messages');
    metrics.rateLimited('messages');
    metrics.rateLimited('typing');
    metrics.handshakeRefused('TOKEN_EXPIRED');
    metrics.handshakeRefused('a code nobody knows');
    metrics.handshakeRefused(undefined);
    metrics.messageStored();
    metrics.pushOutcome('gone');
    metrics.socketConnected();
    metrics.socketConnected();
    metrics.socketDisconnected();

    const limited = 'causette_rate_limited_total';
    expect(await valueOf(metrics, limited, { budget: 'messages' })).toBe(2);
    expect(await valueOf(metrics, limited, { budget: 'typing' })).toBe(1);
    expect(await valueOf(metrics, limited, { budget: 'requests' })).toBe(0);
    const refused = 'causette_handshakes_refused_total';
    expect(await valueOf(metrics, refused, { code: 'TOKEN_EXPIRED' })).toBe(1);
    expect(await valueOf(metrics, refused, { code: 'ORIGIN_REJECTED' })).toBe(0);
    expect(await valueOf(metrics, refused, { code: 'unknown' })).toBe(2);
    expect(await valueOf(metrics, 'causette_messages_stored_total')).toBe(1);
    expect(await valueOf(metrics, 'causette_pushes_total', { outcome: 'gone' })).toBe(1);
    expect(await valueOf(metrics, 'causette_pushes_total', { outcome: 'dropped' })).toBe(0);
    expect(await valueOf(metrics, 'causette_sockets_connected')).toBe(1);
  });

  it('times database statements and Redis commands by caller', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    expect(await metrics.text()).not.toMatch(/causette_redis_command_duration_seconds_count/);
    metrics.dbQuery(performance.now());
    metrics.dbQuery(Number.NaN);
    metrics.redisCommand('presence', performance.now());
    metrics.redisCommand('rate_limit', performance.now());
    metrics.redisCommand('rate_limit', performance.now());

    expect(await countOf(metrics, 'causette_db_query_duration_seconds')).toBe(2);
    const redis = 'causette_redis_command_duration_seconds';
    expect(await countOf(metrics, redis, { caller: 'presence' })).toBe(1);
    expect(await countOf(metrics, redis, { caller: 'rate_limit' })).toBe(2);
  });

  it('keeps each server on a registry of its own', async () => {
    const one = createServerMetrics({ processMetrics: false });
    const other = createServerMetrics({ processMetrics: false });
    one.messageStored();
    expect(await valueOf(one, 'causette_messages_stored_total')).toBe(1);
    expect(await valueOf(other, 'causette_messages_stored_total')).toBe(0);
  });

  it("renders its series with HELP, then the process's", async () => {
    const metrics = createServerMetrics();
    const text = await metrics.text();
    const own = [...text.matchAll(/^# HELP (causette_\w+) \S/gm)].map((m) => m[1]);
    expect(own.sort()).toEqual([
      'causette_ack_duration_seconds',
      'causette_db_query_duration_seconds',
      'causette_handshakes_refused_total',
      'causette_messages_stored_total',
      'causette_pushes_total',
      'causette_rate_limited_total',
      'causette_redis_command_duration_seconds',
      'causette_request_errors_total',
      'causette_sockets_connected',
    ]);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    // The process's series twice in one process is fine: each server renders them once.
    expect(await createServerMetrics().text()).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(await createServerMetrics({ processMetrics: false }).text()).not.toMatch(/nodejs_/);
  });
});
