import { describe, expect, it } from 'vitest';
import { inspectImage } from './image-inspect';
import { makeGif, makePng, makePngClaiming } from './test-images.test-fixtures';

describe('inspectImage', () => {
  it('identifies a PNG and its size', async () => {
    await expect(inspectImage(makePng(3, 2))).resolves.toEqual({
      format: 'png',
      mime: 'image/png',
      width: 3,
      height: 2,
    });
  });

  it('identifies a GIF', async () => {
    await expect(inspectImage(makeGif())).resolves.toMatchObject({
      format: 'gif',
      width: 1,
      height: 1,
    });
  });

  it('refuses bytes that are not one of the accepted images', async () => {
    const samples = [
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'),
      Buffer.from('PK\u0003\u0004 not really a zip but starts like one'),
      Buffer.from('just some text pretending to be an image'),
      Buffer.alloc(4),
      makePng(2, 2).subarray(0, 20),
    ];
    for (const bytes of samples) {
      await expect(inspectImage(bytes)).resolves.toEqual({ problem: 'not-an-image' });
    }
  });

  it('refuses an HTML file that starts with a PNG signature', async () => {
    const polyglot = Buffer.concat([
      makePng(1, 1).subarray(0, 8),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]);
    await expect(inspectImage(polyglot)).resolves.toEqual({ problem: 'not-an-image' });
  });

  it('refuses absurd dimensions without decoding pixels', async () => {
    const png = makePng(1, 1);
    png.writeUInt32BE(30_000, 16); // IHDR width, CRC left stale: headers are read, pixels never
    const result = await inspectImage(png);
    expect(result).toMatchObject({
      problem: expect.stringMatching(/too-large-dimensions|not-an-image/),
    });
  });

  it('refuses an image of more pixels than allowed, from its header alone', async () => {
    const flood = makePngClaiming(20_000, 20_000);
    expect(flood.byteLength).toBeLessThan(100);
    await expect(inspectImage(flood, { maxPixels: 40_000_000 })).resolves.toEqual({
      problem: 'too-many-pixels',
      width: 20_000,
      height: 20_000,
      maxPixels: 40_000_000,
    });
    await expect(
      inspectImage(makePngClaiming(8001, 5000), { maxPixels: 40_000_000 }),
    ).resolves.toMatchObject({ problem: 'too-many-pixels' });
    await expect(
      inspectImage(makePngClaiming(8000, 5000), { maxPixels: 40_000_000 }),
    ).resolves.toMatchObject({ format: 'png', width: 8000, height: 5000 });
  });
});
