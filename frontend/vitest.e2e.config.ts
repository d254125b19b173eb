import { defineConfig } from 'vitest/config';

// End-to-end tests: a real Leergang binary (or E2E_BASE_URL) driven by Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000, // the binary may first have to initialise its private PostgreSQL
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
