import { defineConfig } from 'drizzle-kit';

// Same casing as the runtime client in worker/db/client.ts, so generated SQL and queries agree.
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/schema.ts',
  out: './migrations',
  casing: 'snake_case',
});
