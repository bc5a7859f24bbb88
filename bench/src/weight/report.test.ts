import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderReport } from './render/types';
import {
  SIZE_HEADER,
  bytes,
  sizeNotes,
  sizeRows,
  weightMarkdown,
  weightText,
  writeWeightReport,
} from './report';
import { report } from './report.test-fixtures';

const render: RenderReport = {
  browser: 'Chromium 140.0.0.0',
  messages: 10_000,
  runs: 3,
  series: [
    {
      name: 'causette',
      list: 'causette',
      description: 'MessageList',
      mountMs: { p50: 298.4, p95: 329, p99: 329, max: 329, runs: [298.4, 329, 250] },
      newMessageMs: { p50: 53.7, p95: 86.9, p99: 86.9, max: 86.9, runs: [53.7, 86.9, 40] },
      domRows: 12,
    },
    {
      name: 'baseline',
      list: 'plain',
      description: 'plain list',
      mountMs: null,
      newMessageMs: null,
      domRows: null,
      failure: 'the last message not in the DOM after 30000 ms',
    },
  ],
};

describe('bytes', () => {
  it('groups thousands', () => {
    expect(bytes(105_613)).toBe('105,613');
    expect(bytes(999)).toBe('999');
    expect(bytes(1_884_767)).toBe('1,884,767');
    expect(bytes(null)).toBe('–');
  });
});

describe('sizeNotes', () => {
  it('says when a quick run bundled the initial loads only', () => {
    const quick = report().series.map((s) => ({
      ...s,
      entries: s.entries.map((row) => ({ ...row, all: null })),
    }));
    expect(sizeNotes(quick)[0]).toBe('Quick run: initial loads only, lazy chunks not bundled.');
    expect(sizeNotes(report().series)[0]).not.toMatch(/Quick/);
  });
});

describe('the size table', () => {
  it('has a row per entry, in series order, with versions, sizes and the ratio', () => {
    const rows = sizeRows(report().series);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(SIZE_HEADER.length);
    expect(rows[0]).toEqual([
      'causette',
      '@causette/core',
      '@causette/core@1.2.3',
      '99,417',
      '33,139',
      '28,168',
      '1.00×',
      '34,139',
      '–',
    ]);
    expect(rows[1]?.slice(0, 2)).toEqual(['baseline', 'stream-chat']);
    expect(rows[1]?.[6]).toBe('3.10×');
  });

  it('marks a peer that did not bundle and says why below', () => {
    const rows = sizeRows(report().series);
    expect(rows[2]?.slice(3)).toEqual(['failed', '–', '–', '–', '–', '–']);
    expect(sizeNotes(report().series)).toEqual([
      'stream-chat: optional `import()` not installed, left out: opt',
      '@twilio/conversations: did not bundle for the browser: Could not resolve "crypto"',
    ]);
  });
});

describe('weightMarkdown', () => {
  it('names the date, machine and bundler above the table', () => {
    const markdown = weightMarkdown(report());
    expect(markdown).toContain('Measured 2026-01-02T03:04:05.000Z on 2 × Test CPU, 8 GiB');
    expect(markdown).toContain('esbuild 0.28.2');
    expect(markdown).toContain('| causette | @causette/core |');
    expect(markdown).not.toContain('MessageList in');
  });

  it('adds the render table when measured, a failed series marked', () => {
    const markdown = weightMarkdown(report({ render }));
    expect(markdown).toContain(
      'MessageList in Chromium 140.0.0.0, 10,000 messages, median of 3 runs',
    );
    expect(markdown).toContain('| causette | MessageList | 298 | 329 | 53.7 | 86.9 | 12 |');
    expect(markdown).toContain('| baseline | plain list | failed |');
    expect(markdown).toContain('- render, baseline: the last message not in the DOM');
    expect(weightText(report({ render }))).toContain('plain list');
  });
});

describe('writeWeightReport', () => {
  it('writes weight.json (every figure) and weight.md, making the folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weight-report-'));
    try {
      const out = path.join(dir, 'nested');
      const files = await writeWeightReport(out, report({ render }));
      expect(files.map((file) => path.basename(file))).toEqual(['weight.json', 'weight.md']);
      expect(JSON.parse(await readFile(files[0]!, 'utf8'))).toEqual(report({ render }));
      expect(await readFile(files[1]!, 'utf8')).toMatch(/^# Client weight benchmark\n/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
