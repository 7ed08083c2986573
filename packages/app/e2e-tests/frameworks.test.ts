import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { guestToken } from './globalSetup';

// The auditor's walk: "show me CC6.1" in the Frameworks tab, then its
// failing findings; a check's failing count in the Checks tab, then the
// findings it counts. Reads the demo's configured connection (synced here
// first if it has no complete run yet). Screenshots for the README.

const BACKEND = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';
const DEMO_CONNECTION = 'demo-simulator';
const SCREENSHOTS = path.resolve(
  __dirname,
  '../../../plugins/jumpcloud/docs/screenshots',
);

// One walk on one page: a retry would start it halfway, so none.
test.describe.configure({ mode: 'serial', retries: 0 });

let page: Page;

async function api(pathname: string, init: RequestInit = {}) {
  const res = await fetch(`${BACKEND}/api/jumpcloud${pathname}`, {
    ...init,
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  if (!res.ok) throw new Error(`${pathname}: ${res.status}`);
  return res.json();
}

/** The demo connection, with a sealed run (a sync is started if it has none). */
async function demoConnectionWithResults(): Promise<string> {
  const connections = (await api('/connections')) as Array<{
    id: string;
    name: string;
    latestCompleteRunId: string | null;
  }>;
  const demo = connections.find(c => c.name === DEMO_CONNECTION);
  if (!demo) throw new Error(`the demo has no ${DEMO_CONNECTION} connection`);
  if (!demo.latestCompleteRunId) {
    const run = await api(`/connections/${demo.id}/sync`, { method: 'POST' });
    await expect
      .poll(async () => (await api(`/runs/${run.id}`)).status, {
        timeout: 90_000,
        intervals: [500],
      })
      .not.toBe('running');
  }
  await expect
    .poll(
      async () =>
        (
          (await api('/checks/summary')) as {
            connections: Array<{ connectionId: string }>;
          }
        ).connections.some(c => c.connectionId === demo.id),
      { timeout: 30_000 },
    )
    .toBe(true);
  return demo.id;
}

let demoConnectionId: string;

/** The title of each check, as the Findings tab shows it. */
async function checkTitles(): Promise<Map<string, string>> {
  const checks = (await api('/checks')) as Array<{ id: string; title: string }>;
  return new Map(checks.map(c => [c.id, c.title]));
}

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  demoConnectionId = await demoConnectionWithResults();
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
});

async function openTab(name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/jumpcloud/${name.toLowerCase()}`));
}

/** The Findings tab's rows (the header row aside), once loaded. */
async function findingRows(): Promise<Locator> {
  const table = page.getByRole('table', { name: 'Findings' });
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows;
}

test('Frameworks: CC6.1 is one click away, and leads to its failing findings', async () => {
  await openTab('Frameworks');
  const controls = page.getByRole('list', { name: 'Controls' });
  await controls.getByText('CC6.1', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]framework=soc2&control=CC6\.1$/);

  const mapped = page.getByRole('table', {
    name: 'Checks mapped to SOC 2 CC6.1',
  });
  const checkIds = await mapped
    .locator('tbody tr td:first-child strong')
    .allTextContents();
  expect(checkIds.length).toBeGreaterThan(0);
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'frameworks.png'),
    fullPage: true,
  });

  await page
    .getByRole('link', { name: /show the open findings of CC6\.1$/ })
    .click();
  await expect(page).toHaveURL(
    /\/jumpcloud\/findings\?framework=soc2%3ACC6\.1&status=open$/,
  );
  await expect(page.getByLabel('Framework')).toHaveText('SOC 2 CC6.1');
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('Open');
  // Every row is an open finding of a check mapped to CC6.1.
  const titles = await checkTitles();
  const mappedTitles = checkIds.map(id => titles.get(id)!);
  const rows = await findingRows();
  for (const text of await rows.allTextContents()) {
    expect(
      mappedTitles.some(title => text.includes(title)),
      text,
    ).toBe(true);
  }
});

test("Checks: a check's failing count lands on its findings", async () => {
  await page.goto('/jumpcloud/overview');
  await openTab('Checks');
  const failing = page
    .getByRole('link', {
      name: new RegExp(`^\\d+ failing for \\S+ in ${DEMO_CONNECTION}$`),
    })
    .first();
  const label = (await failing.getAttribute('aria-label'))!;
  const [, count, checkId] = label.match(/^(\d+) failing for (\S+) in /)!;
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'checks.png'),
    fullPage: false,
  });

  await failing.click();
  await expect(page).toHaveURL(
    new RegExp(
      `/jumpcloud/findings\\?checkId=${checkId}&connectionId=${demoConnectionId}&status=open$`,
    ),
  );
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('Open');
  await expect(page.getByLabel('Connection', { exact: true })).toHaveText(
    DEMO_CONNECTION,
  );
  const title = (await checkTitles()).get(checkId)!;
  const rows = await findingRows();
  for (const text of await rows.allTextContents())
    expect(text).toContain(title);
  // As many open findings as the check counts failing (a page shows 25+).
  if (Number(count) <= 25) await expect(rows).toHaveCount(Number(count));
});
