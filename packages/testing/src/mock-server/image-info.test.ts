import { describe, expect, it } from 'vitest';
import { readImageHeader } from './image-info';
import { PNG_3X2 } from './upload-test-images.test-fixtures';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
    ),
  );

describe('readImageHeader', () => {
  it('reads a PNG', () => {
    expect(readImageHeader(PNG_3X2)).toEqual({ format: 'png', width: 3, height: 2 });
  });

  it('reads a GIF', () => {
    expect(readImageHeader(bytes('GIF89a', [10, 0, 4, 1]))).toEqual({
      format: 'gif',
      width: 10,
      height: 260,
    });
  });

  it('reads a JPEG past its APP segments, from the SOF marker', () => {
    const jpeg = bytes(
      [0xff, 0xd8],
      [0xff, 0xe0, 0, 4, 0, 0], // APP0, 2 bytes of data
      [0xff, 0xc4, 0, 3, 0], // DHT: not a frame
      [0xff, 0xc2, 0, 11, 8, 0x01, 0x2c, 0x02, 0x58, 3, 0, 0, 0],
    );
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpg', width: 600, height: 300 });
  });

  it('reads the three kinds of WebP', () => {
    const riff = (chunk: string, body: number[]) =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body);
    // VP8: frame tag (3) + start code (3), then 14-bit width and height.
    expect(readImageHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 64, 0, 32, 0]))).toEqual({
      format: 'webp',
      width: 64,
      height: 32,
    });
    // VP8L: signature byte, then 14-bit (width - 1) and (height - 1).
    expect(readImageHeader(riff('VP8L', [0x2f, 99, 0x40, 0x0c, 0, 0, 0, 0, 0, 0]))).toEqual({
      format: 'webp',
      width: 100,
      height: 50,
    });
    // VP8X: flags (4), then 24-bit (width - 1) and (height - 1).
    expect(readImageHeader(riff('VP8X', [0, 0, 0, 0, 0xff, 0x01, 0, 0x0f, 0, 0]))).toEqual({
      format: 'webp',
      width: 512,
      height: 16,
    });
  });

  it('refuses what is not an image, or is cut short', () => {
    expect(readImageHeader(bytes('%PDF-1.7 not an image at all'))).toBeNull();
    expect(readImageHeader(PNG_3X2.subarray(0, 20))).toBeNull();
    expect(readImageHeader(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4]))).toBeNull();
  });
});
