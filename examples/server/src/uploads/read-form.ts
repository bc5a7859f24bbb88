import type { IncomingMessage } from 'node:http';
import { limitedBodyStream } from '../http/body';

/** The parsed multipart form: text fields (last value wins) and the uploaded file, if any. */
export interface UploadForm {
  fields: Record<string, string>;
  file?: File;
  /** `file` was sent as text (a URL or data URI), which the local store does not fetch. */
  fileIsText: boolean;
}

/**
 * Parses a multipart body with the web `Request.formData()` (undici), fed from a stream that
 * stops at `limit` bytes. Throws `BodyTooLargeError` past the limit, any other error on a
 * malformed body.
 */
export async function readUploadForm(req: IncomingMessage, limit: number): Promise<UploadForm> {
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: limitedBodyStream(req, limit),
    duplex: 'half',
  };
  const form = await new Request('http://upload.invalid/', init).formData();
  const fields: Record<string, string> = {};
  let file: File | undefined;
  let fileIsText = false;
  for (const [name, value] of form.entries()) {
    if (name === 'file') {
      if (typeof value === 'string') fileIsText = true;
      else file = value;
    } else if (typeof value === 'string') {
      fields[name] = value;
    }
  }
  return file ? { fields, file, fileIsText } : { fields, fileIsText };
}
