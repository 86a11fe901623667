import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // set-up (a PDF rendered once, a child bundled) is slow on a loaded machine; no test is timed
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/helpers/source-workers.ts'],
  },
});
