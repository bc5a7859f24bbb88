// @causette/core against the real server behind a relay that loses chosen packets: a send whose
// ack never comes back, with and without the connection dropping, is stored once and shown once.
import { describe, expect, it, vi } from 'vitest';
import {
  ALICE,
  aliceBehindRelay,
  BOB,
  connected,
  expectGapFree,
  makeClient,
  pendingOf,
  sharedConversation,
  shown,
  sleep,
  storedMessages,
  until,
  useChatServer,
} from './sdk-test-helpers';
import { ackId, eventAckId } from './ws-relay';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const chat = useChatServer({ relay: true });

/** The clientId of a `message:send` packet. */
function sentClientId(packet: string): string {
  const [, payload] = JSON.parse(packet.replace(/^42\d+/, '')) as [string, { clientId: string }];
  return payload.clientId;
}

/**
 * Rules that apply `onAck` to the answer to the first `message:send`; with `dropEcho`, the
 * `message:new` of that message to the sender is lost as well (the server emits it before the
 * ack), so only a resend can settle it.
 */
function onFirstSendAck(onAck: 'drop' | 'cut', options: { dropEcho?: boolean } = {}) {
  const sent: string[] = [];
  let target: { ackId: string; clientId: string } | undefined;
  let lost: string | undefined;
  chat.relay.rules = {
    fromClient: (packet) => {
      const id = eventAckId(packet, 'message:send');
      if (id) {
        const clientId = sentClientId(packet);
        sent.push(clientId);
        target ??= { ackId: id, clientId };
      }
      return 'forward';
    },
    fromServer: (packet) => {
      if (!target) return 'forward';
      const echo = packet.startsWith('42["message:new"') && packet.includes(target.clientId);
      if (options.dropEcho && echo) return 'drop';
      if (lost || ackId(packet) !== target.ackId) return 'forward';
      lost = target.clientId;
      return onAck;
    },
  };
  return {
    /** The clientId whose ack was lost, once it was. */
    lost: () => lost,
    /** How many times `message:send` went out with this clientId. */
    sends: (clientId: string) => sent.filter((c) => c === clientId).length,
  };
}

describe('lost acks against the real server', () => {
  it('stores once when the connection drops after the server stored but before the ack', async () => {
    const { alice, bob, id } = await aliceBehindRelay(chat);
    const fault = onFirstSendAck('cut', { dropEcho: true });
    const pending = alice.sendMessage(id, { content: 'coupé en plein envoi' });
    await vi.waitFor(() => expect(fault.lost()).toBe(pending.clientId));
    const state = await until(
      alice,
      (s) =>
        s.connection.status === 'connected' &&
        pendingOf(s, id).length === 0 &&
        shown(s, id).length === 1,
    );
    expect(shown(state, id)[0]).toMatchObject({ clientId: pending.clientId, seq: 1 });
    const bobState = await until(bob, (s) => shown(s, id).length === 1);
    expect(shown(bobState, id)[0]?.clientId).toBe(pending.clientId);
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId)).toEqual([pending.clientId]);
  });

  it('sends again when the connection drops before the server got the message', async () => {
    const { alice, bob, id } = await aliceBehindRelay(chat);
    let cuts = 0;
    chat.relay.rules = {
      fromClient: (packet) => {
        if (!eventAckId(packet, 'message:send') || cuts > 0) return 'forward';
        cuts += 1;
        return 'cut';
      },
    };
    const pending = alice.sendMessage(id, { content: 'perdu en route' });
    await until(alice, (s) => pendingOf(s, id).length === 0 && shown(s, id).length === 1);
    expect(cuts).toBe(1);
    await until(bob, (s) => shown(s, id).length === 1);
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId)).toEqual([pending.clientId]);
  });

  it.each([
    { echo: 'arrives', dropEcho: false },
    { echo: 'is lost too', dropEcho: true },
  ])(
    'settles a send whose ack is lost without a disconnect (its message:new $echo)',
    async ({ dropEcho }) => {
      const { alice, bob, id } = await aliceBehindRelay(chat, { requestTimeoutMs: 500 });
      const fault = onFirstSendAck('drop', { dropEcho });
      const sent = ['un', 'deux', 'trois'].map((content) => alice.sendMessage(id, { content }));
      const clientIds = sent.map((m) => m.clientId);
      await vi.waitFor(() => expect(fault.lost()).toBe(clientIds[0]));
      const state = await until(
        alice,
        (s) => pendingOf(s, id).length === 0 && shown(s, id).length === 3,
      );
      expect(chat.relay.connections).toBe(1);
      // Without the echo, only a resend under the same clientId could have settled it.
      if (dropEcho) expect(fault.sends(clientIds[0]!)).toBe(2);
      expect(shown(state, id).map((m) => m.clientId)).toEqual(clientIds);
      expectGapFree(shown(state, id));
      await until(bob, (s) => shown(s, id).length === 3);
      expect(shown(bob.getSnapshot(), id).map((m) => m.clientId)).toEqual(clientIds);
      const stored = await storedMessages(chat.server.url, BOB, id);
      expect(stored.map((m) => m.clientId)).toEqual(clientIds);
    },
  );

  it('sends a burst through repeated drops, each message stored once and in order', async () => {
    const { alice, bob, id } = await aliceBehindRelay(chat);
    let acks = 0;
    chat.relay.rules = {
      // Every fourth answer to a send is lost with the connection.
      fromServer: (packet) => (ackId(packet) !== undefined && ++acks % 4 === 0 ? 'cut' : 'forward'),
    };
    const sent = Array.from({ length: 20 }, (_, i) => alice.sendMessage(id, { content: `m${i}` }));
    const clientIds = sent.map((m) => m.clientId);
    const state = await until(
      alice,
      (s) => pendingOf(s, id).length === 0 && shown(s, id).length === 20,
      25_000,
    );
    expect(acks).toBeGreaterThan(20);
    expect(shown(state, id).map((m) => m.clientId)).toEqual(clientIds);
    expectGapFree(shown(state, id));
    await until(bob, (s) => shown(s, id).length === 20);
    expect(shown(bob.getSnapshot(), id).map((m) => m.clientId)).toEqual(clientIds);
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId)).toEqual(clientIds);
  });

  it('keeps a receiver whose connection keeps dropping complete, gap-free and duplicate-free', async () => {
    const alice = makeClient(chat.server.url, ALICE);
    const bob = makeClient(chat.relay.url, BOB);
    await Promise.all([connected(alice), connected(bob)]);
    const id = await sharedConversation(alice, bob);
    let incoming = 0;
    chat.relay.rules = {
      // Bob loses his connection, and the message on its way, every seventh new message.
      fromServer: (packet) =>
        packet.startsWith('42["message:new"') && ++incoming % 7 === 0 ? 'cut' : 'forward',
    };
    const seen: number[][] = [];
    bob.subscribe(() => seen.push(shown(bob.getSnapshot(), id).map((m) => m.seq)));
    // Paced, so that messages keep coming while Bob drops and comes back.
    for (let i = 0; i < 40; i++) {
      alice.sendMessage(id, { content: `n${i}` });
      await sleep(50);
    }
    await until(alice, (s) => pendingOf(s, id).length === 0 && shown(s, id).length === 40, 25_000);
    const state = await until(bob, (s) => shown(s, id).length === 40, 25_000);
    expect(incoming).toBeGreaterThanOrEqual(14); // at least two drops
    expectGapFree(shown(state, id));
    // At no moment did Bob's list show a gap, a duplicate or a reordering.
    for (const seqs of seen) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(shown(state, id).map((m) => m.id)).toEqual(stored.map((m) => m.id));
  });
});
