import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { knex, type Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guestToken } from './globalSetup';

// The auditor's evidence walk: seal two runs of the demo connection, verify
// the chain on the Evidence tab, tamper one stored population byte through
// this test's own access to the demo's SQLite database, verify again and
// see the broken run named. The byte is flipped back afterwards, so the demo
// (and the specs after this one) keep an intact chain. Screenshot for the
// README.

const BACKEND = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';
const DEMO_CONNECTION = 'demo-simulator';
const SCREENSHOTS = path.resolve(
  __dirname,
  '../../../plugins/jumpcloud/docs/screenshots',
);
const REPOSITORY = path.resolve(__dirname, '../../..');

// One walk on one page, with the database changed halfway: no retry.
test.describe.configure({ mode: 'serial', retries: 0 });

let page: Page;
let sealedRunIds: string[] = [];
let database: Knex | undefined;
let tampered: { runId: string; name: string } | undefined;

async function api(pathname: string, init: RequestInit = {}) {
  const res = await fetch(`${BACKEND}/api/jumpcloud${pathname}`, {
    ...init,
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  if (!res.ok) throw new Error(`${pathname}: ${res.status}`);
  return res.json();
}

/** Runs one sync of a connection to its end; its sealed run's id. */
async function sealOneRun(connectionId: string): Promise<string> {
  const run = await api(`/connections/${connectionId}/sync`, {
    method: 'POST',
  });
  await expect
    .poll(async () => (await api(`/runs/${run.id}`)).status, {
      // A demo sync takes seconds on a quiet machine, minutes on a busy one.
      timeout: 170_000,
      intervals: [500],
    })
    .toMatch(/^(succeeded|partial)$/);
  await expect
    .poll(
      async () =>
        (
          (await api(`/evidence?connectionId=${connectionId}&limit=5`)) as {
            items: Array<{ runId: string }>;
          }
        ).items.some(item => item.runId === run.id),
      { timeout: 30_000 },
    )
    .toBe(true);
  return run.id;
}

/**
 * The demo backend's JumpCloud database: under the data folder the
 * Playwright config gives the demo (a fresh temporary folder per run), or the
 * demo's default folder when an already running demo is reused. The one
 * holding the run this test sealed is the one the backend writes.
 */
async function openDemoDatabase(runId: string): Promise<Knex> {
  const tmp = os.tmpdir();
  const candidates = [
    ...(process.env.BACKSTAGE_DATA_DIR ? [process.env.BACKSTAGE_DATA_DIR] : []),
    ...fs
      .readdirSync(tmp)
      .filter(name => name.startsWith('jumpcloud-e2e-'))
      .map(name => path.join(tmp, name))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs),
    path.join(REPOSITORY, '.data', 'sqlite'),
  ]
    .map(dir => path.join(dir, 'jumpcloud.sqlite'))
    .filter(file => fs.existsSync(file));
  for (const filename of candidates) {
    const db = knex({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    try {
      // The backend writes too: wait for its locks rather than fail.
      await db.raw('PRAGMA busy_timeout = 10000');
      const found = await db('jc_evidence_runs').where('run_id', runId).first();
      if (found) return db;
    } catch {
      // Not this demo's database (or not migrated): try the next one.
    }
    await db.destroy();
  }
  throw new Error(
    `no demo database holds run ${runId} (looked at ${candidates.join(', ')})`,
  );
}

/** Flips every bit of one byte in the middle of a stored population. */
async function flipPopulationByte(db: Knex, runId: string, name: string) {
  const row = await db('jc_evidence_populations')
    .where({ run_id: runId, name })
    .first();
  const content = Buffer.from(row.content);
  content[Math.floor(content.length / 2)] ^= 0xff;
  await db('jc_evidence_populations')
    .where({ run_id: runId, name })
    .update({ content });
}

test.beforeAll(async ({ browser }) => {
  // Two syncs to their end (the first may be the demo's own at start-up).
  test.setTimeout(360_000);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const connections = (await api('/connections')) as Array<{
    id: string;
    name: string;
  }>;
  const demo = connections.find(c => c.name === DEMO_CONNECTION);
  if (!demo) throw new Error(`the demo has no ${DEMO_CONNECTION} connection`);
  sealedRunIds = [await sealOneRun(demo.id), await sealOneRun(demo.id)];

  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'JumpCloud' })
    .click();
  await expect(page).toHaveURL(/\/jumpcloud/);
});

test.afterAll(async () => {
  await page?.context().close();
  // Leave the demo's chain intact: flipping the same byte again restores it.
  if (database && tampered)
    await flipPopulationByte(database, tampered.runId, tampered.name);
  await database?.destroy();
});

/** Serious or critical axe violations of the current page, in words. */
async function seriousAccessibilityViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`);
}

const verdict = () => page.getByTestId('evidence-verdict');
const runRow = (runId: string) => page.locator(`tr[data-run-id="${runId}"]`);

test('the Evidence tab lists the sealed runs and verifies the chain', async () => {
  await page.getByRole('tab', { name: 'Evidence', exact: true }).click();
  await expect(page).toHaveURL(/\/jumpcloud\/evidence/);
  const [older, newer] = sealedRunIds;
  await expect(runRow(newer)).toBeVisible();
  await expect(runRow(older)).toBeVisible();
  await expect(runRow(newer)).toContainText(DEMO_CONNECTION);
  await expect(runRow(newer)).toContainText('data types read completely');

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(verdict()).toContainText(/Verified: all \d+ sealed runs? match/);
  await expect(verdict()).toContainText(
    `${DEMO_CONNECTION}: verified up to run ${newer}`,
  );
  await expect(runRow(older)).toContainText('Verified');
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'evidence.png'),
    fullPage: false,
  });
  expect(await seriousAccessibilityViolations()).toEqual([]);
});

test('a tampered population byte breaks the chain at the run it belongs to', async () => {
  const [older, newer] = sealedRunIds;
  database = await openDemoDatabase(older);
  await flipPopulationByte(database, older, 'devices');
  tampered = { runId: older, name: 'devices' };

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(verdict()).toContainText(`Chain broken at run ${older}`);
  await expect(verdict()).toContainText('population devices');
  await expect(runRow(older)).toContainText('Breaks the chain');
  await expect(runRow(newer)).toContainText('After the break');

  // Who verified, when and with what outcome is kept in History.
  await page.getByRole('tab', { name: 'History', exact: true }).click();
  const verification = page
    .getByRole('row')
    .filter({ hasText: 'Verify evidence chain' })
    .first();
  await expect(verification).toContainText('Failed');
  await expect(verification).toContainText('guest');
});
