// conversation:open under a conversation policy: who may open with whom is the server's to say,
// and a refusal reads the same as an unknown user id.
import { CONVERSATION_OPEN_REFUSED } from '@causette/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userIds } from '../../services/test-fixtures';
import { listingConversationPolicy, openConversationPolicy } from '../conversation-policy';
import { type TestServer, collect, request, startTestServer } from '../test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const [agency, owner, stranger] = userIds('agency', 'owner', 'stranger');
const listings = new Map([['L-7', { advertiserId: agency, ownerId: owner }]]);
const refused = { ok: false, error: { code: 'FORBIDDEN', message: CONVERSATION_OPEN_REFUSED } };
const listing = { type: 'listing', id: 'L-7', title: 'T2 Lyon' };

describe('conversation:open with the listing policy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      conversationPolicy: listingConversationPolicy((id) => listings.get(id)),
    });
  }, 600_000);
  afterAll(() => server?.close());

  it('opens a conversation about a listing between its advertiser and its owner', async () => {
    const agencySocket = await server.connect(agency);
    const ownerSocket = await server.connect(owner);
    const opened = await request(agencySocket, 'conversation:open', {
      participantIds: [owner],
      subject: listing,
    });
    expect(opened).toMatchObject({ ok: true, data: { created: true } });
    const again = await request(ownerSocket, 'conversation:open', {
      participantIds: [agency],
      subject: listing,
    });
    expect(again).toMatchObject({
      ok: true,
      data: { created: false, conversation: { id: opened.data.conversation.id } },
    });
  });

  it('refuses anyone else, and an unknown user id, with the same answer and no trace', async () => {
    const strangerSocket = await server.connect(stranger);
    const ownerSocket = await server.connect(owner);
    const announced = collect(ownerSocket, 'conversation:new');
    const answers = await Promise.all([
      request(strangerSocket, 'conversation:open', { participantIds: [owner], subject: listing }),
      request(strangerSocket, 'conversation:open', { participantIds: [owner] }),
      request(strangerSocket, 'conversation:open', {
        participantIds: ['nobody-at-all'],
        subject: listing,
      }),
    ]);
    expect(answers).toEqual([refused, refused, refused]);
    const list = await request(strangerSocket, 'conversation:list', {});
    expect(list).toMatchObject({ ok: true, data: { conversations: [] } });
    // The server writes to a socket in order: a conversation:new for the owner would have come
    // before the answer to this request of theirs.
    await request(ownerSocket, 'conversation:list', {});
    expect(announced).toEqual([]);
  });
});

describe('conversation:open with the open policy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ conversationPolicy: openConversationPolicy });
  }, 600_000);
  afterAll(() => server?.close());

  it('answers an unknown user id as a refusal, not NOT_FOUND naming it', async () => {
    const [ana] = userIds('ana');
    const anaSocket = await server.connect(ana);
    expect(
      await request(anaSocket, 'conversation:open', { participantIds: ['nobody-at-all'] }),
    ).toEqual(refused);
  });
});
