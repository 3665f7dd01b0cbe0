import { mkdirSync } from 'node:fs';
import { request } from '@playwright/test';
import { ADMIN_STATE, SCREENSHOTS, SHOP } from './env.js';

/** Logs the admin in once; specs reuse the cookies (storageState) for wp-admin pages and the REST API. */
export default async function globalSetup() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!SHOP.url || !SHOP.adminPassword) return;
  const api = await request.newContext({ baseURL: SHOP.url });
  await api.get('/wp-login.php');
  const login = await api.post('/wp-login.php', {
    form: { log: SHOP.adminUser, pwd: SHOP.adminPassword, 'wp-submit': 'Log In', redirect_to: `${SHOP.url}/wp-admin/`, testcookie: '1' },
    headers: { Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
    maxRedirects: 0,
  });
  if (login.status() !== 302) throw new Error(`admin login as ${SHOP.adminUser}: ${login.status()} ${(await login.text()).slice(0, 300)}`);
  await api.storageState({ path: ADMIN_STATE });
  await api.dispose();
}
