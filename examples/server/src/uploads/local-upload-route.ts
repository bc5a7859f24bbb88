import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, declaredLength, dropUnreadBody } from '../http/body';
import { sendJson } from '../http/respond';
import {
  UNSIGNED_FIELDS,
  signParams,
  signUploadResponse,
  signaturesMatch,
  stringToSign,
} from './cloudinary-signature';
import { buildDeliveryUrl, isSafePublicId } from './delivery-url';
import { type ImageProblem, inspectImage } from './image-inspect';
import type { LocalStore, StoredImage } from './local-store';
import { readUploadForm } from './read-form';
import { SIGNATURE_LIFETIME_MS } from './upload-signer';
import type { UploadTarget } from './upload-target';

// The local store's upload API answers like `POST https://api.cloudinary.com/v1_1/<cloud>/image/upload`:
// the same form fields, the same response fields, and errors as `{ error: { message } }` with 400
// (bad request) or 401 (bad credentials), so a client cannot tell the two apart.

export interface LocalUploadDeps {
  target: UploadTarget;
  store: LocalStore;
  now: () => number;
  onError?: (error: unknown) => void;
}

// Room for the text fields and the multipart framing around the file.
const FORM_OVERHEAD_BYTES = 64 * 1024;

class UploadRefusal extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
  }
}

/** Handles one upload request end to end; never throws. */
export async function handleLocalUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: LocalUploadDeps,
): Promise<void> {
  try {
    const body = await acceptUpload(req, deps);
    sendJson(res, 200, body);
  } catch (error) {
    if (error instanceof UploadRefusal) {
      sendJson(res, error.status, { error: { message: error.message } });
    } else {
      deps.onError?.(error);
      sendJson(res, 500, { error: { message: 'Internal error while storing the upload' } });
    }
    dropUnreadBody(req);
  }
}

async function acceptUpload(
  req: IncomingMessage,
  deps: LocalUploadDeps,
): Promise<Record<string, unknown>> {
  const { target, store } = deps;
  if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
    throw new UploadRefusal(400, 'Unsupported content type: send multipart/form-data');
  }
  const limit = target.maxBytes + FORM_OVERHEAD_BYTES;
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) throw tooLarge(declared, target.maxBytes);

  let form;
  try {
    form = await readUploadForm(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge(error.received, target.maxBytes);
    throw new UploadRefusal(400, 'Invalid multipart body');
  }
  const { fields } = form;
  checkCredentials(fields, target, deps.now());

  if (form.fileIsText && !form.file) {
    throw new UploadRefusal(
      400,
      'Remote URLs and data URIs are not supported by the local store: send the file',
    );
  }
  if (!form.file) throw new UploadRefusal(400, 'Missing required parameter - file');
  if (form.file.size > target.maxBytes) throw tooLarge(form.file.size, target.maxBytes);
  if (form.file.size === 0) throw new UploadRefusal(400, 'Empty file');

  const data = new Uint8Array(await form.file.arrayBuffer());
  const info = await inspectImage(data, { maxPixels: target.maxPixels });
  if ('problem' in info) throw new UploadRefusal(400, problemMessage(info));
  const allowed = fields.allowed_formats
    ?.split(',')
    .map((f) =>
      f
        .trim()
        .toLowerCase()
        .replace(/^jpeg$/, 'jpg'),
    )
    .filter(Boolean);
  if (allowed && allowed.length > 0 && !allowed.includes(info.format)) {
    throw new UploadRefusal(400, `Image file format ${info.format} not allowed`);
  }

  const publicId = choosePublicId(fields);
  const { image, existing } = await store.save({
    publicId,
    format: info.format,
    width: info.width,
    height: info.height,
    data,
    originalFilename: baseName(form.file.name),
    now: deps.now(),
  });
  return describeUpload(image, existing, target);
}

function problemMessage(problem: ImageProblem): string {
  switch (problem.problem) {
    case 'not-an-image':
      return 'Invalid image file';
    case 'too-large-dimensions':
      return `Image dimensions ${problem.width}x${problem.height} are larger than allowed`;
    case 'too-many-pixels':
      return `Image of ${problem.width}x${problem.height} pixels is larger than the ${problem.maxPixels} pixels allowed`;
  }
}

function checkCredentials(fields: Record<string, string>, target: UploadTarget, now: number): void {
  const { api_key: apiKey, timestamp, signature } = fields;
  if (!apiKey) throw new UploadRefusal(401, 'Must supply api_key');
  if (apiKey !== target.apiKey) throw new UploadRefusal(401, `Invalid api_key ${apiKey}`);
  if (!timestamp) throw new UploadRefusal(400, 'Missing required parameter - timestamp');
  if (!signature) throw new UploadRefusal(401, 'Missing required parameter - signature');
  if (!/^\d{1,12}$/.test(timestamp)) throw new UploadRefusal(400, 'Invalid timestamp');
  const ageMs = now - Number(timestamp) * 1000;
  if (ageMs > SIGNATURE_LIFETIME_MS) {
    const reported = new Date(Number(timestamp) * 1000).toISOString();
    throw new UploadRefusal(
      401,
      `Stale request - reported time is ${reported} which is more than 1 hour ago`,
    );
  }
  if (ageMs < -SIGNATURE_LIFETIME_MS)
    throw new UploadRefusal(401, 'Invalid timestamp: too far in the future');
  const signed = Object.fromEntries(
    Object.entries(fields).filter(([key]) => !UNSIGNED_FIELDS.has(key)),
  );
  const expected = signParams(signed, target.apiSecret, target.signatureAlgorithm);
  if (!signaturesMatch(expected, signature)) {
    throw new UploadRefusal(
      401,
      `Invalid Signature ${signature}. String to sign - '${stringToSign(signed)}'.`,
    );
  }
}

/** `public_id` as signed (under `folder` when both are given, as in fixed folder mode), or a fresh one. */
function choosePublicId(fields: Record<string, string>): string {
  const { public_id: given, folder } = fields;
  const base = given || randomBytes(15).toString('base64url').replace(/[-_]/g, 'x').toLowerCase();
  const publicId = folder ? `${folder.replace(/^\/+|\/+$/g, '')}/${base}` : base;
  if (!isSafePublicId(publicId)) {
    throw new UploadRefusal(400, 'public_id and folder may only hold letters, digits, _, - and /');
  }
  return publicId;
}

function describeUpload(
  image: StoredImage,
  existing: boolean,
  target: UploadTarget,
): Record<string, unknown> {
  const url = buildDeliveryUrl(target.deliveryBase, image);
  const slash = image.publicId.lastIndexOf('/');
  const body: Record<string, unknown> = {
    asset_id: md5(`${target.cloudName}/${image.publicId}`),
    public_id: image.publicId,
    version: image.version,
    version_id: md5(`${image.publicId}/${image.version}`),
    signature: signUploadResponse(
      image.publicId,
      image.version,
      target.apiSecret,
      target.signatureAlgorithm,
    ),
    width: image.width,
    height: image.height,
    format: image.format,
    resource_type: 'image',
    created_at: image.createdAt,
    tags: [],
    bytes: image.bytes,
    type: 'upload',
    etag: image.etag,
    placeholder: false,
    url,
    secure_url: url,
    asset_folder: slash > 0 ? image.publicId.slice(0, slash) : '',
    display_name: image.publicId.slice(slash + 1),
    original_filename: image.originalFilename,
    api_key: target.apiKey,
  };
  if (existing) body.existing = true;
  return body;
}

function tooLarge(got: number, max: number): UploadRefusal {
  return new UploadRefusal(400, `File size too large. Got ${got}. Maximum is ${max}.`);
}

/** The file name without folders or extension, as Cloudinary's `original_filename`. */
function baseName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return (dot > 0 ? last.slice(0, dot) : last).slice(0, 255) || 'file';
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
