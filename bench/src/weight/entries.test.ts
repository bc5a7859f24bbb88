import { describe, expect, it } from 'vitest';
import { ENTRIES, REFERENCE_ENTRY, entriesFor } from './entries';

describe('entries', () => {
  it('have unique names, the reference among them, causette ones first', () => {
    const names = ENTRIES.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(REFERENCE_ENTRY);
    const firstBaseline = ENTRIES.findIndex((entry) => entry.series === 'baseline');
    expect(ENTRIES.slice(firstBaseline).every((entry) => entry.series === 'baseline')).toBe(true);
  });

  it('keep all of the session alive: each exports what it runs', () => {
    for (const entry of ENTRIES) {
      expect(entry.source, entry.name).toMatch(/^export (async )?function /m);
      expect(entry.packages.length, entry.name).toBeGreaterThan(0);
    }
  });

  it('quick: every causette entry and two peers, stream-chat and Ably', () => {
    const quick = entriesFor(true);
    expect(quick.filter((entry) => entry.series === 'causette')).toEqual(
      ENTRIES.filter((entry) => entry.series === 'causette'),
    );
    expect(quick.filter((entry) => entry.series === 'baseline').map((entry) => entry.name)).toEqual(
      ['stream-chat', '@ably/chat + ably'],
    );
    expect(entriesFor(false)).toEqual(ENTRIES);
  });

  it('pair each UI kit with its client SDK left out and bundled in', () => {
    const kits = ENTRIES.filter((entry) => entry.kind === 'ui-kit');
    expect(kits.filter((entry) => entry.external !== undefined).length).toBeGreaterThanOrEqual(3);
    for (const kit of kits) expect(kit.source, kit.name).toContain('createRoot(container)');
  });
});
