export { decodeTokenClaims } from './token-claims';
export type { TokenClaims } from './token-claims';
