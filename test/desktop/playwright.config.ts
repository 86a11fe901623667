import { defineConfig } from '@playwright/test';

// `npm run test:desktop` (scripts/test-desktop.mjs): the real Electron app, where its binary is
// installed. Kept apart from test/e2e, which runs browser mode in Debian's Chromium.
export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/desktop',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
});
