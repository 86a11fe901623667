import { test, expect, openApp, screenReady, screenshot, expectAccessible } from './fixtures';
import { createProject } from '../../electron/core/projects/projects';

test('create a project, see it listed with its readiness, rename and archive it', async ({ page, app }) => {
  createProject(app.wb.ctx, { name: 'Łódź claims triage', description: 'Gradient-boosted model on claims from Müller & Ærø clinics', frameworks: ['hipaa', 'gdpr'] });
  await openApp(page, app);
  await screenReady(page, 'screen-projects');
  await page.getByTestId('new-project').click();
  await page.getByTestId('project-name').fill('Card fraud scoring');
  await page.getByTestId('fw-hipaa').uncheck();
  await page.getByTestId('fw-pci').check();
  await page.getByTestId('create-project').click();
  await screenReady(page, 'screen-home');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Card fraud scoring');
  await expect(page.getByRole('figure', { name: /PCI DSS v4.0.1: 0% ready/ })).toBeVisible();
  await expectAccessible(page, 'home');
  await screenshot(page, 'project-home-empty');

  await page.getByRole('link', { name: 'All projects' }).click();
  await screenReady(page, 'screen-projects');
  await expect(page.getByTestId('project-card')).toHaveCount(2);
  await expectAccessible(page, 'projects');
  await screenshot(page, 'projects');

  // archive the first one: it leaves the list, and comes back with "Show archived"
  await page.getByTestId('project-card').filter({ hasText: 'Card fraud scoring' }).getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByTestId('project-card')).toHaveCount(1);
  await page.getByLabel('Show archived').check();
  await expect(page.getByTestId('project-card')).toHaveCount(2);

  // the dark theme follows the OS, and stays readable
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('project-card').first().getByRole('link').click();
  await screenReady(page, 'screen-home');
  await expectAccessible(page, 'home (dark)');
  await screenshot(page, 'project-home-dark');
});

test('a new project refuses to be created without a framework, with the reason shown', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByTestId('new-project').click();
  await page.getByTestId('project-name').fill('No scope');
  await page.getByTestId('fw-hipaa').uncheck();
  await page.getByTestId('create-project').click();
  await expect(page.getByTestId('new-project-dialog').getByRole('alert')).toContainText('choose at least one framework');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project-card')).toHaveCount(0);
});
