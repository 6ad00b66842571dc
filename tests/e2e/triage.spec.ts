import { test, expect, waitForServiceWorker, signIn } from './fixtures';

test.describe('on-device triage in the intake form', () => {
  test('typing a Hindi description offline suggests the department, and accepting it sets Department', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await context.setOffline(true);

    const department = page.getByRole('combobox', { name: 'Department', exact: true });
    const district = page.getByRole('combobox', { name: 'District', exact: true });
    const description = page.getByRole('textbox', { name: 'Grievance description', exact: true });
    await description.pressSequentially('हमारे गाँव में तीन दिन से बिजली नहीं आ रही है, ट्रांसफार्मर जल गया है। जिला अजमेर।', { delay: 5 });
    const accept = page.getByRole('button', { name: /Accept suggestion/ });
    await expect(accept).toBeVisible();
    // The suggestion on screen is the one for the whole text (on a busy machine one for the first words, e.g.
    // rural development for "हमारे गाँव में", can still be showing when the typing ends).
    await expect(page.locator('.triage-suggestion')).toHaveAttribute('data-triage-for', await description.inputValue());
    await expect(department).toHaveValue('');
    await accept.click();
    await expect(department).toHaveValue('energy');
    await expect(district).toHaveValue('ajmer');

    // A choice the operator made is never overwritten by a later suggestion.
    await department.selectOption('phed');
    await description.pressSequentially(' बिजली बिल भी गलत आया।', { delay: 5 });
    // The suggestion for the whole new text has finished (it marks the text it was made for).
    await expect(page.locator('.triage-suggestion')).toHaveAttribute('data-triage-for', await description.inputValue());
    await expect(department).toHaveValue('phed');
  });
});
