import { defineConfig } from '@playwright/test';

// End-to-end tests run the built renderer in Debian's Chromium against browser mode. Each test
// starts its own host on a temp database (see test/e2e/fixtures.ts); no browser is downloaded.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/artifacts',
  // generous: a loaded 2-core machine runs the long journeys (and axe over a 5,000-row page) slowly; no test asserts speed
  timeout: 180_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    },
    trace: 'off',
  },
});
