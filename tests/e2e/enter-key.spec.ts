/**
 * The Enter key (issue 17 item 4): in the intake form Enter moves to the next field and never submits a
 * half-filled form (no field turns red, nothing is saved); a textarea keeps Enter as a new line; the
 * button and Ctrl+Enter submit. The same helper serves the other multi-field forms (an admin's account form).
 */
import { deviceOutbox, expect, signIn, test } from './fixtures';

test('Enter moves to the next field and never submits; Ctrl+Enter and the button do', async ({ page, server }) => {
  await page.goto(`${server.url}/?lang=en`);
  await signIn(page);
  const box = (name: string) => page.getByRole('textbox', { name, exact: true });
  const errorsShown = () => page.locator('main [aria-invalid="true"], main .form-alert, main .error');

  await box('Citizen name').fill('सीता देवी');
  await page.keyboard.press('Enter');
  await expect(box('Mobile number')).toBeFocused();
  await page.keyboard.type('9876543210');
  await page.keyboard.press('Enter');
  await expect(box('Jan Aadhaar ID')).toBeFocused();
  await page.keyboard.press('Enter'); // an empty optional field: on to the next, no complaint
  await expect(box('Aadhaar number')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(box('Address')).toBeFocused();
  await page.keyboard.type('Ward 4');
  await page.keyboard.press('Enter'); // a textarea: a new line
  await page.keyboard.type('Near the school');
  await expect(box('Address')).toHaveValue('Ward 4\nNear the school');
  await page.keyboard.press('Tab');
  await expect(box('PIN code')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: 'Rural' })).toBeFocused(); // into the radio group
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'District', exact: true })).toBeFocused(); // past the group
  await page.getByRole('combobox', { name: 'District', exact: true }).selectOption('jaipur');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Tehsil or block' })).toBeFocused();

  // Half-filled and Enter pressed many times: nothing submitted, no field shown as wrong.
  await expect(errorsShown()).toHaveCount(0);
  expect(await deviceOutbox(page)).toHaveLength(0);

  await box('Grievance description').fill('Handpump broken for a week, no drinking water.');
  await page.getByRole('combobox', { name: 'Department', exact: true }).selectOption('phed');
  const consent = page.getByRole('checkbox').last();
  await consent.check();
  await consent.press('Enter'); // the last field: on to the button
  await expect(page.getByRole('button', { name: 'Register grievance' })).toBeFocused();
  expect(await deviceOutbox(page)).toHaveLength(0);

  // Ctrl+Enter in a field submits the whole form.
  await box('Grievance description').press('Control+Enter');
  await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();
  expect(await deviceOutbox(page)).toHaveLength(1);
});

test('Ctrl+Enter submits a half-filled form and shows what is missing; in an admin form Enter moves on', async ({ page, server }) => {
  await page.goto(`${server.url}/?lang=en`);
  await signIn(page);
  await page.getByRole('textbox', { name: 'Citizen name', exact: true }).fill('Ramesh Kumar');
  await page.getByRole('textbox', { name: 'Citizen name', exact: true }).press('Control+Enter');
  await expect(page.locator('main .form-alert')).toBeVisible(); // submitted: the errors are listed
  await expect(page.getByRole('textbox', { name: 'Mobile number', exact: true })).toBeFocused(); // the first one to fix
  expect(await deviceOutbox(page)).toHaveLength(0);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await server.createAccount({ id: 'it.cell', name: 'District IT cell', role: 'admin' }, 'admin-secret-1');
  await page.goto(`${server.url}/admin/accounts?lang=en`);
  await signIn(page, 'it.cell', 'admin-secret-1');
  await page.getByRole('button', { name: 'New account' }).click();
  const id = page.getByRole('textbox', { name: /^Account ID/ });
  await id.fill('op.new');
  await id.press('Enter');
  await expect(page.getByRole('textbox', { name: /^Name/ })).toBeFocused();
  await expect(page.locator('main [aria-invalid="true"]')).toHaveCount(0);
});
