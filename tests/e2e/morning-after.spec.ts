/**
 * The morning after a sign-out (issue 17): an operator signs out in the evening, signs in offline the next
 * morning, registers citizens, and the network returns. What was registered goes within seconds, with no
 * second sign-in: the refresh token sealed at sign-out under the key the password opens was unsealed by
 * the offline sign-in. "Sign out and forget this device" ends the session on the server and leaves
 * nothing here to sign in with offline.
 */
import { test, expect, waitForServiceWorker, registerGrievance, citizens, outboxStatuses, signIn, OPERATOR, deviceOutbox } from './fixtures';

test('sign out in the evening, sign in offline in the morning, register: all Synced when the network returns, with no typing', async ({ page, context, server }) => {
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  // Signed out: nothing on the device can call the server for this operator (the token is sealed).
  const rows = await page.evaluate(() => new Promise<{ session: number; sealed: boolean; tokens: boolean }>((resolve, reject) => {
    const open = indexedDB.open('sampark-kiosk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['session', 'verifiers'], 'readonly');
      const s = tx.objectStore('session').getAll();
      const v = tx.objectStore('verifiers').getAll();
      tx.oncomplete = () => {
        const text = JSON.stringify(v.result);
        resolve({ session: s.result.length, sealed: v.result.every((r: { sealedRefresh?: unknown }) => !!r.sealedRefresh), tokens: /"(refreshToken|accessToken)"/.test(text) });
        open.result.close();
      };
    };
  }));
  expect(rows).toEqual({ session: 0, sealed: true, tokens: false });

  // The next morning, no network: sign in offline and register two citizens.
  await context.setOffline(true);
  await page.reload();
  await signIn(page);
  const receipts = [await registerGrievance(page, citizens[0]), await registerGrievance(page, citizens[1])];
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(outboxStatuses(page, 'Saved on device')).toHaveCount(2);

  // The network returns: both go, nobody types anything, and no "Sign in again" appears.
  await context.setOffline(false);
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(2, { timeout: 15_000 });
  await expect(page.getByRole('link', { name: /Sign in again/ })).toHaveCount(0);
  expect((await deviceOutbox(page)).map((r) => r.state)).toEqual(['synced', 'synced']);
  const got = await server.query<{ receipt_number: string; operator_id: string }>('SELECT receipt_number, operator_id FROM grievances ORDER BY receipt_number');
  expect(got).toEqual(receipts.sort().map((r) => ({ receipt_number: r, operator_id: OPERATOR.id })));
  const [{ logins }] = await server.query<{ logins: number }>("SELECT count(*)::int AS logins FROM audit_log WHERE action = 'auth.login'");
  expect(logins).toBe(1); // the evening's only: the morning went on the sealed refresh token

  // "Sign out and forget this device": the server ends the session, and an offline sign-in is no longer possible here.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sign out and forget this device' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  const [{ open }] = await server.query<{ open: number }>('SELECT count(*)::int AS open FROM auth_sessions WHERE revoked_at IS NULL');
  expect(open).toBe(0);
  await context.setOffline(true);
  await page.getByRole('textbox', { name: 'Operator ID', exact: true }).fill(OPERATOR.id);
  await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('This operator has not yet signed in on this device online.', { exact: false })).toBeVisible();
});
