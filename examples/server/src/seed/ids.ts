import { createHash } from 'node:crypto';

// Seed ids must be the same on every run (the seed is inserted once and found again after a
// restart), so they are derived from names rather than drawn at random.

function digest(name: string): Buffer {
  return createHash('sha256').update(name).digest();
}

function format(bytes: Buffer): string {
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A UUID v4-shaped id derived from `name`. */
export function stableUuidV4(name: string): string {
  const bytes = digest(name);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return format(bytes);
}

/** A UUID v7 whose time part is `ms`, so ids sort by it, and whose other bits come from `name`. */
export function stableUuidV7(ms: number, name: string): string {
  const bytes = digest(name);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return format(bytes);
}
