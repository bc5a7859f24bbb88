import { describe, expect, it } from 'vitest';
import { parseOpenFilesLimit } from './open-files';

const limits = (soft: string) =>
  [
    'Limit                     Soft Limit           Hard Limit           Units     ',
    'Max processes             96367                96367                processes ',
    `Max open files            ${soft.padEnd(21)}20000                files     `,
  ].join('\n');

describe('parseOpenFilesLimit', () => {
  it('reads the soft limit of open files', () => {
    expect(parseOpenFilesLimit(limits('1024'))).toBe(1024);
    expect(parseOpenFilesLimit(limits('unlimited'))).toBe(Infinity);
  });

  it('says nothing when the line is missing', () => {
    expect(parseOpenFilesLimit('Limit  Soft Limit\n')).toBeUndefined();
  });
});
