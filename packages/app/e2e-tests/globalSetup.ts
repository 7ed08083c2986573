import { startNoPremiumSimulator } from './noPremiumSimulator';

// Starts the second simulator (a plan without Directory Insights and
// Conditional Access, see noPremiumSimulator.ts) and waits until the backend
// answers the catalog API with a guest token, so every test starts against a
// ready demo (the frontend dev server is up sooner). What it returns stops
// the simulator after the suite.
const BACKEND = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

export async function guestToken(): Promise<string> {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest refresh: ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

export default async function globalSetup() {
  const stopSimulator = await startNoPremiumSimulator();
  try {
    await backendReady();
  } catch (error) {
    await stopSimulator();
    throw error;
  }
  return stopSimulator;
}

async function backendReady() {
  const deadline = Date.now() + 180_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const token = await guestToken();
      const res = await fetch(`${BACKEND}/api/catalog/entities?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.ok) return;
      lastError = new Error(`catalog: ${res.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`backend not ready on ${BACKEND}: ${String(lastError)}`);
}
