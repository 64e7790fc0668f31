import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/modules/*/*.table.ts',
  out: './migrations',
  migrations: { prefix: 'index' },
});
