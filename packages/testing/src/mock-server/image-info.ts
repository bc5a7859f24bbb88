// Reads an image's format and size from its header, as the reference server's local store does
// (it uses file-type and image-size; the mock keeps its dependencies to msw and zod).
import type { ImageFormat } from '@causette/protocol';

/** What the header of an image says. */
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

const MIME_BY_FORMAT: Record<ImageFormat, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** The MIME type an image format is served with. */
export function mimeOfFormat(format: ImageFormat): string {
  return MIME_BY_FORMAT[format];
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/**
 * The format and dimensions of a JPEG, PNG, GIF or WebP image from its first bytes (pixels are
 * never decoded); `null` when the bytes are not one of those or the header is cut short.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (end: number) => end <= bytes.length;
  const header = (format: ImageFormat, width: number, height: number): ImageHeader | null =>
    width > 0 && height > 0 ? { format, width, height } : null;

  if (fits(24) && ascii(bytes, 1, 3) === 'PNG' && ascii(bytes, 12, 4) === 'IHDR') {
    return header('png', view.getUint32(16), view.getUint32(20));
  }
  if (fits(10) && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) {
    return header('gif', view.getUint16(6, true), view.getUint16(8, true));
  }
  if (fits(30) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return readWebp(bytes, view, header);
  }
  if (fits(4) && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return readJpeg(bytes, view, header);
  }
  return null;
}

type Build = (format: ImageFormat, width: number, height: number) => ImageHeader | null;

function readWebp(bytes: Uint8Array, view: DataView, header: Build): ImageHeader | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    return header('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes.subarray(21, 25);
    return header(
      'webp',
      1 + (((b1 & 0x3f) << 8) | b0),
      1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)),
    );
  }
  if (chunk === 'VP8X') {
    const u24 = (at: number) => view.getUint16(at, true) | (view.getUint8(at + 2) << 16);
    return header('webp', 1 + u24(24), 1 + u24(27));
  }
  return null;
}

// SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const NOT_SOF = new Set([0xc4, 0xc8, 0xcc]);

function readJpeg(bytes: Uint8Array, view: DataView, header: Build): ImageHeader | null {
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && !NOT_SOF.has(marker)) {
      return header('jpg', view.getUint16(at + 7), view.getUint16(at + 5));
    }
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}
