import { defineConfig } from 'drizzle-kit';

// `pnpm db:generate` writes SQL migrations from src/db/schema.ts; they are committed and applied
// on start to PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
