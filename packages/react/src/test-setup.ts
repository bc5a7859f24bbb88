import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait 1 s by default; a loaded CI machine (two cores, the other suites beside
// this one) has taken longer than that to decode a pasted image or open a menu.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
