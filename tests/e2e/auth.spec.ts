/**
 * Operators on the device, end to end: sign in online, work offline (lock, unlock, register), an access
 * token that expires while offline is refreshed by the service worker, a refused refresh pauses the
 * replay until someone signs in again, and every grievance still arrives exactly once as registered by
 * the operator who took it. A shared kiosk shows each operator only their own citizens.
 */
import { test, expect, waitForServiceWorker, registerGrievance, citizens, deviceOutbox, axeViolations, outboxStatuses, signIn, OPERATOR } from './fixtures';

const MIN = 60_000;
const COLLEAGUE = { id: 'op.ravi', password: 'ravi-secret-22', name: 'Ravi Meena', kioskCode: OPERATOR.kioskCode };

test.describe('operators on the device', () => {
  test('offline lock and unlock, a token that expires offline, a refused refresh: all sent once as the original operator', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page); // online: leaves the offline verifier on the device
    await expect(page.getByText(`Signed in: ${OPERATOR.name}`)).toBeVisible();

    // Offline from here on; the app still opens from the service worker, still signed in.
    await context.setOffline(true);
    expect((await page.reload())?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('button', { name: 'Register grievance' })).toBeVisible();

    // Lock: nothing of the work behind it is reachable; unlock offline with the password.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Register grievance' })).toBeHidden();
    await expect(page.getByRole('link', { name: 'Outbox' })).toBeHidden();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(page.getByText('Operator ID or password is wrong.')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused(); // keyboard users land on the field again
    await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Register grievance' })).toBeVisible();

    // Register offline; the server's clock moves past the access token's 15 minutes meanwhile.
    const first = await registerGrievance(page, citizens[0]);
    server.advanceClock(20 * MIN);

    // The network returns: the service worker gets "auth.expired", refreshes the token itself and sends.
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);
    const refreshes = await server.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.refresh'`);
    expect(refreshes[0].n).toBe(1);

    // Offline again: two more; then the token expires and the server revokes the session (a password reset, say).
    await context.setOffline(true);
    await page.getByRole('link', { name: 'New grievance' }).click();
    const later = [await registerGrievance(page, citizens[1]), await registerGrievance(page, citizens[2])];
    server.advanceClock(20 * MIN);
    expect(await server.revokeSessions(OPERATOR.id)).toBeGreaterThan(0);
    await context.setOffline(false);

    // The replay pauses: nothing dropped, nothing in Needs attention, and the header asks for a sign-in.
    const again = page.getByRole('link', { name: 'Sign in again to send 2 grievances' });
    await expect(again).toBeVisible();
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Saved on device')).toHaveCount(2);
    await expect(outboxStatuses(page, 'Needs attention')).toHaveCount(0);
    expect((await deviceOutbox(page)).map((r) => r.state).sort()).toEqual(['saved', 'saved', 'synced']);
    expect(await axeViolations(page)).toEqual([]);

    // Sign in again (online): the waiting grievances go at once.
    await again.click();
    await expect(page.getByRole('textbox', { name: 'Operator ID', exact: true })).toHaveValue(OPERATOR.id);
    await expect(page.getByText('The server has ended your sign-in on this device', { exact: false })).toBeVisible();
    await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Register grievance' })).toBeVisible();
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(3);
    await expect(again).toBeHidden();

    // Exactly once, each registered by the operator who took it (export has no operator column: ask the database).
    const rows = await server.query<{ receipt_number: string; operator_id: string }>('SELECT receipt_number, operator_id FROM grievances');
    expect(rows.map((r) => r.receipt_number).sort()).toEqual([first, ...later].sort());
    expect(rows.map((r) => r.operator_id)).toEqual([OPERATOR.id, OPERATOR.id, OPERATOR.id]);
    await server.stop();
    const exported = server.exportAll();
    expect(exported).toHaveLength(3);
    expect(new Set(exported.map((g) => g.clientId)).size).toBe(3);
  });

  test('a shared kiosk: each operator sees their own grievances, the others only as counts; sign-out keeps unsent work', async ({ page, context, server }) => {
    await server.createOperator(COLLEAGUE);
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);

    // Never signed in online on this device: offline sign-in is refused, with the reason next to the ID.
    await context.setOffline(true);
    await page.getByRole('textbox', { name: 'Operator ID', exact: true }).fill(COLLEAGUE.id);
    await page.getByLabel('Password', { exact: true }).fill(COLLEAGUE.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('This operator has not yet signed in on this device online.', { exact: false })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Operator ID', exact: true })).toBeFocused();
    await context.setOffline(false);

    // Operator 1 registers a grievance offline, then locks the kiosk and walks away.
    await signIn(page);
    await context.setOffline(true);
    await registerGrievance(page, citizens[0]);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();

    // Operator 2 signs in over the locked screen (online) and works.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signIn(page, COLLEAGUE.id, COLLEAGUE.password);
    await registerGrievance(page, citizens[1]);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(1); // only their own is listed…
    await expect(page.getByText(citizens[0].name)).toBeHidden(); // …never the other operator's citizen
    await expect(page.getByText('1 by other operators on this device: 1 synced')).toBeVisible(); // operator 1's went with operator 2's sync
    expect(await axeViolations(page)).toEqual([]);

    // Operator 2 signs out with nothing lost; operator 1 signs in again and sees theirs.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    expect(await deviceOutbox(page)).toHaveLength(2);
    await signIn(page);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(page.getByText(citizens[0].name)).toBeVisible();
    await expect(page.getByText(citizens[1].name)).toBeHidden();

    const rows = await server.query<{ citizen_name: string; operator_id: string }>('SELECT citizen_name, operator_id FROM grievances ORDER BY citizen_name');
    expect(Object.fromEntries(rows.map((r) => [r.citizen_name, r.operator_id]))).toEqual({ [citizens[0].name]: OPERATOR.id, [citizens[1].name]: COLLEAGUE.id });
  });
});
