/**
 * The Status screen at a kiosk that did not register the grievance: by its number alone the operator sees
 * only where it stands; "Send code" sends a one-time code to the citizen's mobile (read here from the
 * server's notification outbox, as a test reads the SMS), a wrong "Code" is refused at the field, the right
 * one opens the citizen's view, and the citizen's "Not satisfied" is queued with the code and accepted.
 * Keyboard only, axe-clean, and no sideways scroll at 360 px.
 */
import { ulid } from 'ulidx';
import { formatGrievanceNumber } from '../../src/domain/numbers';
import { DEVICE, submission } from '../server/fixtures';
import { axeViolations, expect, signIn, test, waitForServiceWorker, type TestServer } from './fixtures';

const ASHA = { id: 'op.asha', password: 'asha-secret-1', name: 'Asha Gupta', kioskCode: 'K2000001' };
const OFFICER = { id: 'off.phed.jaipur', password: 'officer-secret-1' };
const REMARKS = 'Handpump repaired at the house of Ramesh Meena';

/** Meena's kiosk registers a grievance and its officer disposes it, over the API (this test is about another kiosk). */
async function disposedGrievance(server: TestServer): Promise<string> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(server.url + path, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    });
    expect(res.status, path).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const login = async (operatorId: string, password: string) => (await post('/api/auth/login', { operatorId, password, deviceId: DEVICE })).accessToken as string;
  const meena = await login(server.operator.id, server.operator.password);
  const { results } = await post('/api/sync/grievances', { grievances: [submission({ mobile: '9829012345' })] }, meena) as { results: { number: string }[] };
  const number = results[0].number;
  await post(`/api/grievances/${number}/actions`, { actionId: ulid(), expectedVersion: 1, action: { type: 'dispose', outcome: 'relief', remarks: REMARKS } }, await login(OFFICER.id, OFFICER.password));
  return number;
}

test.describe('status at another kiosk', () => {
  test('shows only where it stands until the citizen\'s code opens it; feedback goes with the code', async ({ page, server }) => {
    await server.createAccount({ id: OFFICER.id, name: 'AEn PHED Jaipur', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' }, OFFICER.password);
    await server.createOperator(ASHA);
    const number = await disposedGrievance(server);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page, ASHA.id, ASHA.password);
    await page.getByRole('link', { name: 'Status', exact: true }).click();
    await page.getByRole('textbox', { name: 'Grievance number' }).fill(number);
    await page.keyboard.press('Enter');

    const limited = page.getByRole('region', { name: `Grievance ${formatGrievanceNumber(number)} (registered at another kiosk)` });
    await expect(limited.getByText('Disposed', { exact: true })).toBeVisible();
    await expect(limited.getByText('L1', { exact: true })).toBeVisible();
    const shown = await page.locator('main').innerText();
    for (const secret of ['XXXXXX', 'K1023456', 'सुनीता', REMARKS]) expect(shown, secret).not.toContain(secret);
    await expect(page.getByRole('button', { name: 'Satisfied', exact: true })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);

    // Send code (keyboard), then a wrong code: refused at the field.
    await page.getByRole('button', { name: 'Send code' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^A 6-digit code was sent by SMS to the citizen's mobile\./)).toBeVisible();
    const [{ body }] = await server.query<{ body: string }>("SELECT body FROM notifications WHERE kind = 'otp' ORDER BY id DESC LIMIT 1");
    const code = body.match(/(?<!\d)\d{6}(?!\d)/)![0];
    const field = page.getByRole('textbox', { name: 'Code', exact: true });
    await expect(field).toBeFocused();
    await field.fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    await page.keyboard.press('Enter');
    await expect(page.getByText('The code is not right. Check it with the citizen and type it again (3 tries in all).')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // The right code, typed in Devanagari digits: the citizen's view, with feedback open to this kiosk.
    await field.fill(code.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d))));
    await page.getByRole('button', { name: 'Check code' }).click();
    const card = page.getByRole('region', { name: `Grievance ${formatGrievanceNumber(number)}` });
    await expect(card.getByText(REMARKS, { exact: true })).toBeVisible();
    await expect(card.getByText('XXXXXX2345', { exact: true })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.getByRole('button', { name: 'Not satisfied', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Actions, oldest first' }).getByText('Done', { exact: true })).toHaveCount(1);
    expect(await server.query('SELECT satisfaction FROM grievances WHERE number = $1', [number])).toEqual([{ satisfaction: 'not_satisfied' }]);
    // The code went with the queued action and left the device once answered.
    const kept = await page.evaluate(() => new Promise<unknown[]>((resolve) => {
      const open = indexedDB.open('sampark-kiosk');
      open.onsuccess = () => { const r = open.result.transaction('actions').objectStore('actions').getAll(); r.onsuccess = () => { resolve(r.result); open.result.close(); }; };
    }));
    expect(JSON.stringify(kept)).not.toContain(code);
    const audited = await server.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE '%status%' OR action LIKE '%otp%' ORDER BY id");
    // (The screen then looks again with the code: more entries may follow.)
    expect(audited.map((a) => a.action).slice(0, 6)).toEqual(['status.lookup', 'otp.request', 'otp.check', 'otp.check', 'status.lookup', 'otp.check']);
  });
});
