export { Outbox } from './outbox';
export type { OutboxInput, OutboxOptions } from './outbox';
export { newClientId } from './client-id';
