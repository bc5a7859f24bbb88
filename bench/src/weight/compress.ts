import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Bytes of one bundle: minified, then gzipped at level 9 and brotli at quality 11. */
export interface Sizes {
  min: number;
  gzip: number;
  brotli: number;
}

/** The sizes bundle-size tables report: what a server at its highest compression sends. */
export function measure(content: Uint8Array): Sizes {
  return {
    min: content.byteLength,
    gzip: gzipSync(content, { level: 9 }).byteLength,
    brotli: brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength,
      },
    }).byteLength,
  };
}
