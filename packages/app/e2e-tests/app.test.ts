import { expect, test } from '@playwright/test';
import { guestToken } from './globalSetup';

test('the app signs in as guest and shows the catalog', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'Catalog' })).toBeVisible();
});

test('the backend answers the catalog API with a guest token', async () => {
  const token = await guestToken();
  const res = await fetch(
    'http://localhost:7007/api/catalog/entities?limit=5',
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  expect(res.status).toBe(200);
  expect(Array.isArray(await res.json())).toBe(true);
});
