import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSizes } from './gzip-size';

describe('fileSizes', () => {
  it('reports raw bytes and a smaller gzip size for repetitive text', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'a.js');
    writeFileSync(file, 'export const a = 1;\n'.repeat(500));
    const { raw, gzip } = fileSizes(file);
    expect(raw).toBe(20 * 500);
    expect(gzip).toBeGreaterThan(0);
    expect(gzip).toBeLessThan(raw / 10);
  });
});
