// Photos are scaled down in the browser before upload: the server takes at most 60 KiB (its
// request limit is 64 KiB), and a 512 px JPEG is plenty for a directory card.

export const MAX_SIDE = 512;
export const MAX_BYTES = 60 * 1024;

/** The width and height that fit `max` on the longer side, never enlarging. */
export function fitted(width, height, max = MAX_SIDE) {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** A JPEG of the picture at most MAX_SIDE px wide or high and MAX_BYTES long (lower quality until it fits). */
export async function shrinkPhoto(file) {
  const bitmap = await createImageBitmap(file);
  const { width, height } = fitted(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').drawImage(bitmap, 0, 0, width, height);
  for (const quality of [0.85, 0.7, 0.55, 0.4]) {
    // eslint-disable-next-line no-await-in-loop
    const blob = await new Promise((resolve) => { canvas.toBlob(resolve, 'image/jpeg', quality); });
    if (blob && blob.size <= MAX_BYTES) return blob;
  }
  throw new Error('This picture is too detailed to send; try a smaller one.');
}
