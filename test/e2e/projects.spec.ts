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

  // archiving asks first; Cancel keeps the project
  const card = (name: string) => page.getByTestId('project-card').filter({ hasText: name });
  await card('Card fraud scoring').getByRole('button', { name: 'Archive' }).click();
  const confirm = page.getByRole('dialog', { name: 'Archive project?' });
  await expect(confirm).toContainText('Card fraud scoring');
  await screenshot(page, 'projects-archive-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('project-card')).toHaveCount(2);

  // confirmed, it leaves the list; Undo in the toast brings it back
  await card('Card fraud scoring').getByRole('button', { name: 'Archive' }).click();
  await confirm.getByRole('button', { name: 'Archive project' }).click();
  await expect(page.getByTestId('project-card')).toHaveCount(1);
  await expect(page.getByRole('status')).toContainText('Project "Card fraud scoring" archived');
  await screenshot(page, 'projects-archived-undo');
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('project-card')).toHaveCount(2);
  await expect(card('Card fraud scoring')).not.toContainText('archived');

  // with every project archived the list says so, and offers to show them
  for (const name of ['Card fraud scoring', 'Łódź claims triage']) {
    await card(name).getByRole('button', { name: 'Archive' }).click();
    await confirm.getByRole('button', { name: 'Archive project' }).click();
    await expect(card(name)).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { name: 'All projects are archived' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toHaveCount(0);
  await expectAccessible(page, 'projects (all archived)');
  await screenshot(page, 'projects-all-archived');
  await page.getByRole('button', { name: 'Show archived' }).click();
  await expect(page.getByLabel('Show archived')).toBeChecked();
  await expect(page.getByTestId('project-card')).toHaveCount(2);
  await card('Łódź claims triage').getByRole('button', { name: 'Restore' }).click();
  await page.getByLabel('Show archived').uncheck();
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
