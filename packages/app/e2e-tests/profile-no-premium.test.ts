import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { guestToken } from './globalSetup';
import { NO_PREMIUM_KEY, NO_PREMIUM_URL } from './noPremiumSimulator';

// Profile (a): an organisation whose plan has neither Directory Insights nor
// Conditional Access (JumpCloud answers 402). globalSetup starts its
// simulator beside the demo's; an admin adds a connection to it, and the sync
// still applies, while every page says what the plan left out.

const BACKEND = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';
const SCREENSHOTS = path.resolve(
  __dirname,
  '../../../plugins/jumpcloud/docs/screenshots',
);
const CONNECTION = `e2e-no-premium-${Date.now().toString(36)}`;
/** The data types outside this plan, as the pages name them. */
const NOT_IN_PLAN = ['Conditional Access policies', 'Directory Insights'];

// One journey on one page: a retry would start it halfway, so none.
test.describe.configure({ mode: 'serial', retries: 0 });

let page: Page;

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
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
  const id = await connectionId().catch(() => undefined);
  if (id) {
    await fetch(`${BACKEND}/api/jumpcloud/connections/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await guestToken()}` },
    });
  }
});

async function connectionId(): Promise<string | undefined> {
  const res = await fetch(`${BACKEND}/api/jumpcloud/connections`, {
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  const connections = (await res.json()) as Array<{ id: string; name: string }>;
  return connections.find(c => c.name === CONNECTION)?.id;
}

async function openTab(name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/jumpcloud/${name.toLowerCase()}`));
}

/** The connection's card on the Connections tab. */
function connectionCard(): Locator {
  return page.locator('.MuiCard-root').filter({
    has: page.getByRole('button', { name: `Sync now: ${CONNECTION}` }),
  });
}

/** The line of one data type (or capability) in a list, by its label. */
function coverageItem(list: Locator, label: string): Locator {
  return list
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`${label}:`) });
}

test('no-premium plan: Test Connection names what the plan does not include', async () => {
  await page.goto('/jumpcloud/connections');
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByLabel('Connection name').fill(CONNECTION);
  await dialog.getByLabel('Region').click();
  await page.getByRole('option', { name: 'Other API URL…' }).click();
  await dialog.getByLabel(/^API URL/).fill(NO_PREMIUM_URL);
  // Where the form offers a service account or an API key: the key.
  const credential = dialog.getByRole('button', { name: /^Credential/ });
  if (await credential.isVisible()) {
    await credential.click();
    await page.getByRole('option', { name: 'API key', exact: true }).click();
  }
  await dialog.getByRole('textbox', { name: /^API key/ }).fill(NO_PREMIUM_KEY);
  await dialog.getByRole('button', { name: 'Test connection' }).click();

  // Not a plain "works": the verdict says the key works with limits, and
  // names them.
  const verdict = dialog.getByText(/^The connection works, with limits\./);
  await expect(verdict).toBeVisible();
  for (const label of NOT_IN_PLAN)
    await expect(verdict).toContainText(
      `${label}: not in the organisation's plan`,
    );
  // Each capability's state: what the plan includes reads as usual, the
  // rest is not in the plan (rather than failed).
  const capabilities = dialog.getByRole('list', { name: 'Capabilities' });
  for (const label of ['Devices', 'Users'])
    await expect(coverageItem(capabilities, label)).toContainText(
      `${label}: OK`,
    );
  for (const label of NOT_IN_PLAN)
    await expect(coverageItem(capabilities, label)).toContainText(
      `${label}: not in the organisation's plan`,
    );

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
});

test('no-premium plan: the sync succeeds and the card shows what is not in the plan', async () => {
  const card = connectionCard();
  await card.getByRole('button', { name: `Sync now: ${CONNECTION}` }).click();
  const outcome = card.getByText(/^Sync (succeeded|partial|failed)/);
  await expect(outcome).toBeVisible({ timeout: 120_000 });
  await expect(outcome).toHaveText(/^Sync succeeded/);

  // The card reloads with the connection's coverage after the run.
  const notRead = card.getByLabel('Data this connection could not read');
  await expect(notRead).toContainText('Not read by the last applied sync');
  const list = notRead.getByRole('list', { name: 'Data read by the sync' });
  await expect(list.getByRole('listitem')).toHaveCount(NOT_IN_PLAN.length);
  for (const label of NOT_IN_PLAN)
    await expect(coverageItem(list, label)).toContainText('Not in plan');
  await card.screenshot({
    path: path.join(SCREENSHOTS, 'connection-not-in-plan.png'),
  });
});

test("no-premium plan: History's expanded sync shows each data type's coverage", async () => {
  await openTab('History');
  const row = page
    .getByRole('row')
    .filter({ hasText: CONNECTION })
    .filter({ hasText: 'Sync' })
    .first();
  await expect(row).toContainText('Succeeded');
  await row
    .getByRole('button', { name: 'Detail panel visiblity toggle' })
    .click();

  const summary = page.getByText(/^Data read: \d+ of \d+ data types/);
  await expect(summary).toBeVisible();
  const [, read, all] = /(\d+) of (\d+)/.exec(
    (await summary.textContent()) ?? '',
  )!;
  expect(Number(all) - Number(read)).toBe(NOT_IN_PLAN.length);

  const list = page.getByRole('list', { name: 'Data read by the sync' });
  await expect(list.getByRole('listitem')).toHaveCount(Number(all));
  for (const label of NOT_IN_PLAN)
    await expect(coverageItem(list, label)).toContainText('Not in plan');
  for (const label of ['Devices', 'Users', 'User groups'])
    await expect(coverageItem(list, label)).toContainText('Complete');
});

test('no-premium plan: the Overview names the checks it could not evaluate, and why', async () => {
  await openTab('Overview');
  await expect(page.locator('#jumpcloud-posture-score')).toContainText('/ 100');
  await expect(page.locator('#jumpcloud-unevaluated')).toHaveText(
    /^\d+ checks? could not be evaluated/,
  );
  const reasons = page.getByRole('list', {
    name: /could not be evaluated/,
  });
  for (const label of NOT_IN_PLAN)
    await expect(
      reasons.getByText(
        `${label} is not included in this organisation's plan`,
        { exact: false },
      ),
    ).toBeVisible();
  // The checks that read Directory Insights or Conditional Access policies.
  for (const checkId of ['ORG-07', 'USR-04', 'GRP-03'])
    await expect(reasons).toContainText(checkId);
});

test("no-premium plan: the organisation's devices are in the Assets view", async () => {
  // What JumpCloud (the simulator) holds for this organisation.
  const res = await fetch(`${NO_PREMIUM_URL}/api/systems?limit=3`, {
    headers: { 'x-api-key': NO_PREMIUM_KEY, accept: 'application/json' },
  });
  const systems = (await res.json()) as {
    totalCount: number;
    results: Array<{ hostname: string }>;
  };
  expect(systems.totalCount).toBeGreaterThan(0);

  // Every device reached the Assets view…
  const id = await connectionId();
  const assets = await fetch(
    `${BACKEND}/api/jumpcloud/assets/devices?connectionId=${id}&limit=1`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
  expect(((await assets.json()) as { totalCount: number }).totalCount).toBe(
    systems.totalCount,
  );

  // …and an admin finds them there, under this connection.
  await openTab('Assets');
  await expect(page.getByRole('tab', { name: 'Devices' })).toBeVisible();
  for (const { hostname } of systems.results) {
    await page.getByRole('textbox', { name: 'Search' }).fill(hostname);
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: CONNECTION })
        .filter({ hasText: hostname })
        .first(),
    ).toBeVisible();
  }
});
