// A tiny real image, as a user would paste, drop or pick it, for tests and stories.

/** A valid 3×2 RGB PNG (73 bytes). */
export const PNG_3X2 = new Uint8Array([
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0,
  0, 18, 22, 241, 77, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 120, 144, 224, 0, 65, 12, 112, 22,
  0, 93, 212, 9, 1, 0, 118, 22, 110, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
]);

/** {@link PNG_3X2} as a file. */
export function imageFile(name = 'salon.png'): File {
  return new File([PNG_3X2], name, { type: 'image/png' });
}

/** A clipboard or drag payload carrying `file`, as the browser builds it. */
export function transferOf(file: File): DataTransfer {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  return transfer;
}
