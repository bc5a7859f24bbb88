// What `#zod` means under Node itself (package.json "imports"): zod, or an error saying to
// install it.
//
// zod is an optional peer dependency: only `@causette/protocol/schemas` needs it. Imported
// directly, a missing zod fails with Node's bare ERR_MODULE_NOT_FOUND before any code of ours
// runs, so under Node the schemas reach zod through this module, which looks for it first.
// Bundlers and Vite's module runner take the "module" condition, which is zod itself, and report
// a missing zod on their own.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Zod from 'zod';

/** The zod versions `@causette/protocol/schemas` works with (its optional peer dependency). */
export const ZOD_RANGE = '^4.1.0';

const require = createRequire(import.meta.url);

function loadZod(): typeof Zod {
  try {
    require.resolve('zod');
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'MODULE_NOT_FOUND') throw cause;
    throw new Error(
      `@causette/protocol/schemas needs zod, an optional peer dependency of @causette/protocol: ` +
        `install it (npm install zod@${ZOD_RANGE}).`,
      { cause },
    );
  }
  try {
    // zod's ES module, the one `import 'zod'` gives the rest of the app (one zod, one
    // z.config()): require() loads an ES module synchronously on Node 20.19+.
    return require(fileURLToPath(import.meta.resolve('zod'))) as typeof Zod;
  } catch {
    // A runtime without import.meta.resolve or require() of ES modules: zod's CommonJS build.
    return require('zod') as typeof Zod;
  }
}

export const { z } = loadZod();
