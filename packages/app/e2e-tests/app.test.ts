import { expect, test } from '@playwright/test';
import { guestToken } from './globalSetup';

test('the app signs in as guest and lands on the JumpCloud overview', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page).toHaveURL(/\/jumpcloud\/overview$/);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'JumpCloud', exact: true }),
  ).toBeVisible();
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
