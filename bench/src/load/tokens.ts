import { SignJWT } from 'jose';

/** Long enough for any run; the server checks `exp`, and a token expiring mid-run would disconnect. */
const TOKEN_LIFETIME_S = 2 * 60 * 60;

/** An HS256 token with the claims the chat server reads (`sub`, `name`, `exp`); it upserts the user. */
export async function mintToken(secret: Uint8Array, userId: string): Promise<string> {
  return new SignJWT({ name: `Bench ${userId}` })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S)
    .sign(secret);
}
