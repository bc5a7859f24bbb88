import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { report } from './fixtures.test-fixtures';
import {
  LATEST_END,
  LATEST_START,
  latencyMarkdown,
  replaceLatestResults,
  updateReadme,
  writeLatencyReport,
} from './latency-report';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bench-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('latencyMarkdown', () => {
  it('names the date and machine above one row per series', () => {
    const markdown = latencyMarkdown(report());
    expect(markdown).toContain('Measured 2026-01-02T03:04:05.000Z on 2 × Test CPU, 8 GiB');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| 200 sockets'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('| causette | 2600 |');
    expect(rows[1]).toContain('| 7 (INTERNAL 5, RATE_LIMITED 2) |');
  });
});

describe('writeLatencyReport', () => {
  it('writes the JSON every figure comes from and the markdown table, making the folder', async () => {
    const out = path.join(dir, 'nested', 'results');
    const files = await writeLatencyReport(out, report());
    expect(files.map((file) => path.basename(file))).toEqual(['latency.json', 'latency.md']);
    expect(JSON.parse(await readFile(path.join(out, 'latency.json'), 'utf8'))).toEqual(report());
    expect(await readFile(path.join(out, 'latency.md'), 'utf8')).toContain('| causette |');
  });
});

describe('the README section', () => {
  const readme = `# Bench\n\n## Latest results\n\n${LATEST_START}\nold table\n${LATEST_END}\n\n## More\n`;

  it('replaces only what lies between the markers', () => {
    const updated = replaceLatestResults(readme, 'new table');
    expect(updated).toBe(
      `# Bench\n\n## Latest results\n\n${LATEST_START}\n\nnew table\n\n${LATEST_END}\n\n## More\n`,
    );
    expect(replaceLatestResults(updated, 'new table')).toBe(updated);
  });

  it('refuses a README without the markers rather than appending somewhere', () => {
    expect(() => replaceLatestResults('# Bench\n', 'table')).toThrow(/markers/);
  });

  it('is updated in place from a report', async () => {
    const file = path.join(dir, 'README.md');
    await writeFile(file, readme);
    await updateReadme(file, report());
    const updated = await readFile(file, 'utf8');
    expect(updated).toContain('| pglite-memory | causette |');
    expect(updated).toContain('## More');
    expect(updated).not.toContain('old table');
  });
});
