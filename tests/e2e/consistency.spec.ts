/**
 * Consistency (issue 17 item 6): the triage "Accept" button is one of the product's buttons (its classes
 * and look, like Register's), its confidence a percentage through the one formatter, and the receipt names
 * the tehsil or block chosen at registration.
 */
import { expect, signIn, test } from './fixtures';

test('the triage Accept button looks like the product\'s buttons; the receipt shows the tehsil chosen', async ({ page, server }) => {
  await page.goto(`${server.url}/?lang=en`);
  await signIn(page);
  const description = page.getByRole('textbox', { name: 'Grievance description', exact: true });
  await description.fill('हमारे गाँव में तीन दिन से बिजली नहीं आ रही है, ट्रांसफार्मर जल गया है। जिला अजमेर।');
  const accept = page.getByRole('button', { name: /Accept suggestion/ });
  await expect(accept).toBeVisible();
  await expect(accept).toHaveClass(/(^|\s)btn(\s|$)/);
  const look = (el: Element) => { const s = getComputedStyle(el); return { radius: s.borderTopLeftRadius, border: s.borderTopWidth, font: s.fontFamily, weight: s.fontWeight }; };
  expect(await accept.evaluate(look)).toEqual(await page.getByRole('button', { name: 'Register grievance' }).evaluate(look));
  await expect(page.getByRole('region', { name: 'Suggestion from the description' }).getByText(/\(confidence \d+%/)).toBeVisible();
  await accept.click();
  await expect(page.getByRole('combobox', { name: 'Department', exact: true })).toHaveValue('energy');

  await page.getByRole('textbox', { name: 'Citizen name', exact: true }).fill('Ramesh Kumar');
  await page.getByRole('textbox', { name: 'Mobile number', exact: true }).fill('9123456789');
  await page.getByRole('radio', { name: 'Rural' }).check();
  const tehsil = page.getByRole('combobox', { name: 'Tehsil or block' });
  await expect(tehsil.locator('option[value^="t:"]').first()).toBeAttached();
  const chosen = tehsil.locator('option[value^="t:"]').last();
  const [value, name] = [await chosen.getAttribute('value'), (await chosen.textContent())!];
  await tehsil.selectOption(value!);
  await page.getByRole('checkbox').last().check();
  await page.getByRole('button', { name: 'Register grievance' }).click();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  const row = (term: RegExp) => receipt.locator('.receipt__row').filter({ has: page.getByRole('term').filter({ hasText: term }) });
  await expect(row(/^Tehsil$/).getByRole('definition')).toHaveText(name.trim());

  // In Hindi the same receipt says तहसील.
  await page.getByRole('link', { name: 'हिन्दी' }).click();
  await expect(page.getByRole('region', { name: 'पावती' }).locator('.receipt__row').filter({ hasText: /^तहसील/ }).getByRole('definition')).toHaveText(name.trim());
});
