export { fixtureUser, fixtureUsers } from './fixtures';
export type { FixtureUser } from './fixtures';
export { DEFAULT_MOCK_URL, createMockChatServer } from './mock-server/server';
export { InterceptableWebSocketTransport, mockClientOptions } from './mock-server/client-options';
export type { MockClientOptions } from './mock-server/client-options';
export { defaultSeed } from './mock-server/state/seed';
export type { MockSeedConversation, MockSeedMessage } from './mock-server/state/seed';
export { decodeMockToken, encodeMockToken } from './mock-server/token';
export type { MockTokenClaims } from './mock-server/token';
export type {
  DisconnectOptions,
  MockChatServer,
  MockChatServerOptions,
  MockFailure,
  MockListenOptions,
  MockStateInspector,
  MockTokenOptions,
  MockUploadFailure,
  MockUploadedImage,
  ReceivedEvent,
} from './mock-server/types';
