import { defineConfig, devices } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// Browser tests run in the machine's Chromium (Debian's package): Playwright's
// own browser download cannot be used on closed networks.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

// A fresh data folder per run, so the suite starts from an empty database.
const dataDir = path.join(os.tmpdir(), `jumpcloud-e2e-${process.pid}`);

export default defineConfig({
  testDir: 'e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  globalSetup: './e2e-tests/globalSetup.ts',
  webServer: {
    command: 'node ../../scripts/demo.mjs',
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { BACKSTAGE_DATA_DIR: dataDir },
    // The launcher stops the simulator, backend and frontend it started.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
