import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageFormat } from '@causette/protocol';
import { isImageFormat, isSafePublicId } from './delivery-url';

/** What the local store records about an image, beside its bytes. */
export interface StoredImage {
  publicId: string;
  version: number;
  format: ImageFormat;
  bytes: number;
  width: number;
  height: number;
  /** ISO 8601. */
  createdAt: string;
  originalFilename: string;
  /** MD5 of the bytes, as Cloudinary's `etag`. */
  etag: string;
}

/** A new image to store. */
export interface NewImage {
  publicId: string;
  format: ImageFormat;
  width: number;
  height: number;
  data: Uint8Array;
  originalFilename: string;
  now: number;
}

/** Images on disk under one folder: `<public_id>.<format>` and `<public_id>.json` beside it. */
export interface LocalStore {
  /** Stores the image, or returns the one already stored under that public id (never overwrites). */
  save(image: NewImage): Promise<{ image: StoredImage; existing: boolean }>;
  /** The record of a public id, or undefined. */
  find(publicId: string): Promise<StoredImage | undefined>;
  /** Absolute path of a stored image's bytes. */
  filePath(image: Pick<StoredImage, 'publicId' | 'format'>): string;
}

export function createLocalStore(dir: string): LocalStore {
  const root = path.resolve(dir);

  /** Maps a public id onto a path under root, refusing anything that could step outside it. */
  function resolve(publicId: string, extension: string): string {
    if (!isSafePublicId(publicId)) throw new Error(`Unsafe public id: ${publicId}`);
    const file = path.resolve(root, `${publicId}.${extension}`);
    if (!file.startsWith(root + path.sep)) throw new Error(`Unsafe public id: ${publicId}`);
    return file;
  }

  async function find(publicId: string): Promise<StoredImage | undefined> {
    if (!isSafePublicId(publicId)) return undefined;
    let text: string;
    try {
      text = await readFile(resolve(publicId, 'json'), 'utf8');
    } catch {
      return undefined;
    }
    return parseRecord(text, publicId);
  }

  return {
    find,
    filePath: (image) => resolve(image.publicId, image.format),
    async save(image) {
      const already = await find(image.publicId);
      if (already) return { image: already, existing: true };
      const record: StoredImage = {
        publicId: image.publicId,
        version: Math.floor(image.now / 1000),
        format: image.format,
        bytes: image.data.byteLength,
        width: image.width,
        height: image.height,
        createdAt: new Date(image.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        originalFilename: image.originalFilename,
        etag: createHash('md5').update(image.data).digest('hex'),
      };
      const file = resolve(image.publicId, image.format);
      await mkdir(path.dirname(file), { recursive: true });
      // Bytes first, record last, each written whole then renamed: a reader that finds the
      // record always finds the complete file beside it.
      await writeAtomically(file, image.data);
      await writeAtomically(resolve(image.publicId, 'json'), JSON.stringify(record));
      return { image: record, existing: false };
    },
  };
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, data, { flag: 'wx' });
  await rename(temporary, file);
}

function parseRecord(text: string, publicId: string): StoredImage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const integers = [r.version, r.bytes, r.width, r.height];
  if (r.publicId !== publicId || !integers.every((n) => Number.isInteger(n))) return undefined;
  if (typeof r.format !== 'string' || !isImageFormat(r.format)) return undefined;
  return {
    publicId,
    version: r.version as number,
    format: r.format,
    bytes: r.bytes as number,
    width: r.width as number,
    height: r.height as number,
    createdAt: typeof r.createdAt === 'string' ? r.createdAt : '',
    originalFilename: typeof r.originalFilename === 'string' ? r.originalFilename : '',
    etag: typeof r.etag === 'string' ? r.etag : '',
  };
}
