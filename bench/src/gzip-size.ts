import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Bytes of `file` raw and gzipped at level 9, as bundle-size tables report them. */
export function fileSizes(file: string): { raw: number; gzip: number } {
  const content = readFileSync(file);
  return { raw: content.byteLength, gzip: gzipSync(content, { level: 9 }).byteLength };
}
