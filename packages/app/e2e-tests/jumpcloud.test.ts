import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { guestToken } from './globalSetup';

// The JumpCloud journey against the running demo (simulator :7011, backend
// :7007, app :3000): add a connection, test, save, sync, read history and
// findings, open a device's JumpCloud tab, accept a risk. Every page gets an
// accessibility scan, and a screenshot for the README.

const BACKEND = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';
const SIMULATOR_URL =
  process.env.JUMPCLOUD_SIMULATOR_URL ?? 'http://127.0.0.1:7011';
const DEMO_KEY = 'jcsim_readonly_demo_key_0001';
const SCREENSHOTS = path.resolve(
  __dirname,
  '../../../plugins/jumpcloud/docs/screenshots',
);
const CONNECTION = `e2e-${Date.now().toString(36)}`;
// The 1.5 s target is measured by `yarn bench:findings-page` (built app,
// 100k findings, several runs). Here the app is the dev server's unminified
// build on a shared machine, so its time is reported, and only checked
// against a budget when one is given.
const FIRST_ROWS_BUDGET_MS = process.env.JUMPCLOUD_FIRST_ROWS_BUDGET_MS
  ? Number(process.env.JUMPCLOUD_FIRST_ROWS_BUDGET_MS)
  : undefined;

// One journey on one page: a retry would start it halfway, so none.
test.describe.configure({ mode: 'serial', retries: 0 });

let page: Page;

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // axe needs a page from an explicit context.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'JumpCloud' }),
  ).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  // Leave the demo as it was: remove the connection this run added.
  const token = await guestToken();
  const headers = { authorization: `Bearer ${token}` };
  const res = await fetch(`${BACKEND}/api/jumpcloud/connections`, { headers });
  const connections = (await res.json()) as Array<{ id: string; name: string }>;
  const added = connections.find(c => c.name === CONNECTION);
  if (added) {
    await fetch(`${BACKEND}/api/jumpcloud/connections/${added.id}`, {
      method: 'DELETE',
      headers,
    });
  }
});

/** Fails on any serious or critical axe violation of the current page. */
async function expectAccessible(name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    v => v.impact === 'serious' || v.impact === 'critical',
  );
  const summary = serious.map(
    v =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map(n => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(summary, `serious accessibility violations on ${name}`).toEqual([]);
}

async function screenshot(name: string) {
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
  });
}

async function openTab(name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/jumpcloud/${name.toLowerCase()}`));
}

test('the JumpCloud page is in the sidebar and opens on the Overview', async () => {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'JumpCloud' })
    .click();
  await expect(page).toHaveURL(/\/jumpcloud/);
  await expect(page.getByText('Open findings by severity')).toBeVisible();
});

test('adds a connection to the simulator: test, then save', async () => {
  await openTab('Connections');
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await expect(dialog.getByLabel('Connection name')).toHaveValue(
    /^Connection \d+$/,
  );
  await dialog.getByLabel('Connection name').fill(CONNECTION);
  await dialog.getByLabel('Region').click();
  await page.getByRole('option', { name: 'Other API URL…' }).click();
  await dialog.getByLabel(/^API URL/).fill(SIMULATOR_URL);
  // Where the form offers a service account or an API key: the key.
  const credential = dialog.getByRole('button', { name: /^Credential/ });
  if (await credential.isVisible()) {
    await credential.click();
    await page.getByRole('option', { name: 'API key', exact: true }).click();
  }
  await dialog.getByRole('textbox', { name: /^API key/ }).fill(DEMO_KEY);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByText(/connection works/i)).toBeVisible();
  await expect(dialog.getByText(/^Devices: OK/)).toBeVisible();
  await screenshot('connection-form');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(CONNECTION, { exact: true }).first(),
  ).toBeVisible();
  // The key is never shown again: only its last four characters.
  await expect(page.getByText('•••• 0001').first()).toBeVisible();
});

test('Sync Now shows progress and the run succeeds', async () => {
  await page.getByRole('button', { name: `Sync now: ${CONNECTION}` }).click();
  // Wait for the outcome, whichever it is, and say which it was.
  const outcome = page.getByText(/^Sync (succeeded|partial|failed)/);
  await expect(outcome).toBeVisible({ timeout: 120_000 });
  await expect(outcome).toHaveText(/^Sync succeeded/);
  await screenshot('connections');
  await expectAccessible('Connections');
});

test('History shows the succeeded sync', async () => {
  await openTab('History');
  const row = page
    .getByRole('row')
    .filter({ hasText: CONNECTION })
    .filter({ hasText: 'Sync' });
  await expect(row.first()).toContainText('Succeeded');
  await screenshot('history');
  await expectAccessible('History');
});

test('accepts the risk of an open finding', async () => {
  await openTab('Findings');
  await page.locator('table button[aria-haspopup="dialog"]').first().waitFor();
  await screenshot('findings');
  await expectAccessible('Findings');
  await page.getByLabel('Status', { exact: true }).click();
  await page.getByRole('option', { name: 'Open' }).click();
  await page.locator('table button[aria-haspopup="dialog"]').first().click();
  const details = page
    .getByRole('dialog')
    .filter({ has: page.getByText('Remediation') });
  await expect(details.getByText('Evidence')).toBeVisible();
  await screenshot('finding-detail');
  await details.getByRole('button', { name: 'Accept risk' }).click();
  const accept = page.getByRole('dialog', { name: 'Accept risk' });
  await accept.getByLabel(/^Owner/).fill('security@example.com');
  await accept
    .getByLabel(/^Reason/)
    .fill('Device is being replaced this quarter');
  await accept.getByRole('button', { name: 'Accept risk' }).click();
  await expect(page.getByText('Risk accepted').first()).toBeVisible();
});

test('Overview and Assets pages', async () => {
  await openTab('Overview');
  await expect(page.locator('#jumpcloud-posture-score')).toContainText('/ 100');
  await screenshot('overview');
  await expectAccessible('Overview');

  await openTab('Assets');
  await expect(page.getByRole('tab', { name: 'Devices' })).toBeVisible();
  await expect(
    page.getByRole('row').filter({ hasText: CONNECTION }).first(),
  ).toBeVisible();
  await screenshot('assets');
  await expectAccessible('Assets');
});

/** A device Resource the catalog module ingested from JumpCloud. */
async function findDeviceEntityPath(): Promise<string | undefined> {
  const token = await guestToken();
  const res = await fetch(
    `${BACKEND}/api/catalog/entities/by-query?limit=1&filter=kind=resource,metadata.annotations.jumpcloud.com/system-id`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (!res.ok) return undefined;
  const { items } = (await res.json()) as {
    items: Array<{ metadata: { name: string; namespace?: string } }>;
  };
  const entity = items[0];
  return entity
    ? `/catalog/${entity.metadata.namespace ?? 'default'}/resource/${
        entity.metadata.name
      }`
    : undefined;
}

test("a device entity's JumpCloud tab shows its posture and findings", async () => {
  // The catalog module ingests after the sync event; give it time.
  let entityPath: string | undefined;
  await expect(async () => {
    entityPath = await findDeviceEntityPath();
    expect(entityPath).toBeDefined();
  }).toPass({ timeout: 120_000, intervals: [2000, 5000] });
  await page.goto(`${entityPath}/jumpcloud`);
  await expect(page.getByText('JumpCloud posture')).toBeVisible();
  // The details table labels its rows from the field names.
  await expect(
    page.getByRole('cell', { name: 'Disk Encryption', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
  await screenshot('entity-device-tab');
  await expectAccessible('device entity JumpCloud tab');
});

test("an Assets row links to its device's catalog entity, which opens", async () => {
  // After the entity test above, the catalog holds this connection's devices.
  let link: Locator | undefined;
  await expect(async () => {
    await page.goto('/jumpcloud/assets');
    const row = page.getByRole('row').filter({ hasText: CONNECTION }).first();
    await expect(row).toBeVisible();
    link = row.getByRole('link').first();
    await expect(link).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 120_000, intervals: [2000, 5000] });
  const name = (await link!.textContent())?.trim() ?? '';
  expect(name).not.toBe('');
  const href = await link!.getAttribute('href');
  expect(href).toMatch(/^\/catalog\/[^/]+\/resource\/[^/]+$/);
  await link!.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  // The default device transformer titles the entity like the table names it.
  await expect(
    page.getByRole('heading', { name, exact: true }).first(),
  ).toBeVisible();
});

// Last, so that a slow machine does not stop the journey above.
test('the Findings tab shows its first rows and reports how soon', async () => {
  const token = await guestToken();
  const res = await fetch(`${BACKEND}/api/jumpcloud/findings?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { totalCount } = (await res.json()) as { totalCount: number };
  expect(totalCount).toBeGreaterThan(0);
  if (totalCount < 100_000) {
    // eslint-disable-next-line no-console -- the figure belongs in the run's output
    console.log(
      `[jumpcloud e2e] ${totalCount} findings; start the demo with JUMPCLOUD_DEMO_SIZE=L for the 100k figure`,
    );
  }

  await page.goto('/jumpcloud/overview');
  await expect(page.getByText('Open findings by severity')).toBeVisible();
  // The Overview has finished loading (its trend chart loads lazily) before
  // the click, as when a person reads it first.
  await expect(
    page
      .getByRole('img', { name: /posture score/i })
      .or(page.getByText('No trend yet')),
  ).toBeVisible();
  const started = Date.now();

  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(
    page.locator('table button[aria-haspopup="dialog"]').first(),
  ).toBeVisible();
  const elapsed = Date.now() - started;
  test.info().annotations.push({
    type: 'first findings rows',
    description: `${elapsed} ms at ${totalCount} findings`,
  });
  // eslint-disable-next-line no-console -- the figure belongs in the run's output
  console.log(
    `[jumpcloud e2e] first findings rows after ${elapsed} ms (${totalCount} findings)`,
  );
  if (FIRST_ROWS_BUDGET_MS !== undefined) {
    expect(elapsed).toBeLessThan(FIRST_ROWS_BUDGET_MS);
  }
});
