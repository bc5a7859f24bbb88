// Which React the project under test runs: 19 in `unit`, 18 in `react18` (aliased), so that the
// React 18 run cannot silently test React 19.
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    reactMajor: string;
  }
}

it('runs the React of its project', () => {
  expect(version.split('.')[0]).toBe(inject('reactMajor'));
  expect(domVersion).toBe(version);
});
