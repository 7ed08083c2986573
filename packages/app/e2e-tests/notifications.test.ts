import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { guestToken } from './globalSetup';
import { startSimulatorProcess } from './noPremiumSimulator';

// A connection whose API key stops working: JumpCloud (a simulator of its
// own, so no other case sees the revoked key) refuses it after a sync that
// worked. The connection's managers (group:default/jumpcloud-admins, the
// guest among them) are told once through Backstage's notifications; the
// notification leads to the Connections tab, where the key is replaced.

const BACKEND = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';
/** Fixed, because app-config.yaml's jumpcloud.allowedHosts names it. */
const SIMULATOR_PORT = 7031;
const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
/** The simulator's read-only key. */
const KEY = 'jcsim_readonly_demo_key_0001';
const SCREENSHOTS = path.resolve(
  __dirname,
  '../../../plugins/jumpcloud/docs/screenshots',
);
const CONNECTION = `e2e-revoked-${Date.now().toString(36)}`;
const TITLE = `JumpCloud connection ${CONNECTION}: the API key stopped working`;

test.describe.configure({ mode: 'serial', retries: 0 });

let stopSimulator: (() => Promise<void>) | undefined;
let connectionId: string | undefined;
let page: Page;

async function api<T>(method: string, route: string, body?: unknown) {
  const res = await fetch(`${BACKEND}/api/jumpcloud${route}`, {
    method,
    headers: {
      authorization: `Bearer ${await guestToken()}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Sync Now, then waits for the run's end. */
async function sync(): Promise<{ status: string; error: { kind: string } }> {
  const run = await api<{ id: string }>(
    'POST',
    `/connections/${connectionId}/sync`,
  );
  for (const deadline = Date.now() + 100_000; Date.now() < deadline; ) {
    const current = await api<{
      status: string;
      error: { kind: string };
    }>('GET', `/runs/${run.id}`);
    if (current.status !== 'running') return current;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error('the sync did not finish in 100 s');
}

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  stopSimulator = await startSimulatorProcess({
    port: SIMULATOR_PORT,
    seed: '3',
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

test.afterAll(async () => {
  await page?.context().close();
  // Leave the demo as it was.
  if (connectionId)
    await api('DELETE', `/connections/${connectionId}`).catch(() => {});
  await stopSimulator?.();
});

test('a key that stops working: the managers are told once, and the notification leads to the connection', async () => {
  const created = await api<{ id: string }>('POST', '/connections', {
    name: CONNECTION,
    apiUrl: SIMULATOR_URL,
    apiKey: KEY,
    syncFrequency: 'off',
  });
  connectionId = created.id;
  expect((await sync()).status).toBe('succeeded');

  // The administrator behind the key revokes it in JumpCloud.
  const revoked = await fetch(`${SIMULATOR_URL}/__simulator/keys/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: KEY }),
  });
  expect(revoked.ok).toBe(true);
  for (let i = 0; i < 2; i++) {
    const failed = await sync();
    expect(failed.status).toBe('failed');
    expect(failed.error.kind).toMatch(/^(revoked_key|invalid_key)$/);
  }

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const sidebar = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(sidebar.getByRole('link', { name: 'JumpCloud' })).toBeVisible();
  await sidebar.getByRole('link', { name: /Notifications/ }).click();
  await expect(page).toHaveURL(/\/notifications/);

  // Two failed syncs, one notification.
  const notification = page.getByText(TITLE, { exact: true });
  await expect(notification).toHaveCount(1);
  // Why, in JumpCloud's words as the connection shows them.
  const why =
    /(API key revoked or expired|API key or service account not recognised): JumpCloud/;
  await expect(page.getByText(why)).toBeVisible();
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'notifications.png'),
  });

  await notification.click();
  await expect(page).toHaveURL(/\/jumpcloud\/connections$/);
  const card = page.locator('.MuiCard-root').filter({
    has: page.getByRole('button', { name: `Sync now: ${CONNECTION}` }),
  });
  await expect(card).toContainText(why);
});
