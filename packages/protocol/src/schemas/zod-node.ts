// What `#zod` means under Node (package.json "imports"): zod, or an error saying to install it.
//
// zod is an optional peer dependency: only `@causette/protocol/schemas` needs it. Imported
// directly, a missing zod fails with Node's bare ERR_MODULE_NOT_FOUND before any code of ours
// runs, so under Node the schemas reach zod through this module, which looks for it first.
// Bundlers map `#zod` to `zod` itself (the "default" condition) and report a missing zod at
// build time.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Zod from 'zod';

/** The zod versions `@causette/protocol/schemas` works with (its optional peer dependency). */
export const ZOD_RANGE = '^4.1.0';

const require = createRequire(import.meta.url);

function loadZod(): typeof Zod {
  let entry: string;
  try {
    entry = import.meta.resolve('zod');
  } catch (cause) {
    throw new Error(
      `@causette/protocol/schemas needs zod, an optional peer dependency of @causette/protocol: ` +
        `install it (npm install zod@${ZOD_RANGE}).`,
      { cause },
    );
  }
  try {
    // zod's ES module, the one `import 'zod'` gives the rest of the app (one zod, one
    // z.config()): require() loads an ES module synchronously on Node 20.19+.
    return require(fileURLToPath(entry)) as typeof Zod;
  } catch (error) {
    // Older Node: zod's CommonJS build.
    if ((error as { code?: string }).code === 'ERR_REQUIRE_ESM')
      return require('zod') as typeof Zod;
    throw error;
  }
}

export const { z } = loadZod();
