// Tiny real images for the upload routes' tests.

/** A valid 3×2 RGB PNG (73 bytes). */
export const PNG_3X2 = new Uint8Array([
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0,
  0, 18, 22, 241, 77, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 120, 144, 224, 0, 65, 12, 112, 22,
  0, 93, 212, 9, 1, 0, 118, 22, 110, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
]);

/** The form the client posts: the signature's fields and the file. */
export function uploadForm(fields: Record<string, string>, file: Blob, name = 'photo.png') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', file, name);
  return form;
}
