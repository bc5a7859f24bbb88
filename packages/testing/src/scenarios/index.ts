import { afterEach, describe } from 'vitest';
import { guardScenarios } from './guards';
import { type ProtocolHarness, createKit } from './harness';
import { messagingScenarios } from './messaging';
import { readStateScenarios } from './read-state';
import { realtimeScenarios } from './realtime';

export type { ProtocolHarness, ScenarioKit, ScenarioSocket, WireAck } from './harness';

/**
 * Registers the protocol scenarios (vitest `describe`/`it`) against one server. The same suite runs
 * against the mock server and the reference server, so the mock cannot drift from the real thing.
 *
 * @example
 * defineProtocolScenarios({
 *   name: 'mock server',
 *   newUser: () => { const id = `u-${crypto.randomUUID()}`; server.addUser({ id, displayName: id, role: 'owner' }); return id; },
 *   connect: (userId) => connectClient(server, userId),
 *   presenceGraceMs: 50,
 * });
 */
export function defineProtocolScenarios(harness: ProtocolHarness): void {
  const kit = createKit(harness);
  const timeout = harness.testTimeoutMs ?? 30_000;
  describe(`Causette protocol scenarios: ${harness.name}`, () => {
    afterEach(() => kit.closeAll());
    messagingScenarios(kit, timeout);
    readStateScenarios(kit, timeout);
    guardScenarios(kit, timeout);
    realtimeScenarios(kit, timeout);
  });
}
