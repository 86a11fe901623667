// Bringing a framework of one's own: import the CISO Assistant library of NIST SP 800-66 rev2,
// see a refused file's place, map two requirements (one in the picker, one from a CSV file), then
// assess a project on it and find its name on the overview and in Reports.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, openApp, screenReady, screenshot, test } from './fixtures';

// shared/ sits beside the repository, here and in CI
const LIBRARY = resolve('..', 'shared', 'reference', 'frameworks', 'nist-sp-800-66-rev2.yaml');
const NAME = 'NIST SP-800-66 rev2 (HIPAA)';

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `frameworks-${name}-1440x900-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('import a framework, map two requirements, assess a project on it', async ({ page, app }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Frameworks' }).click();
  await screenReady(page, 'screen-frameworks');
  await expect(page.getByRole('heading', { name: 'No imported frameworks yet' })).toBeVisible();

  // a broken file is refused with its file, place and problem; nothing is imported
  const picker = page.getByLabel('Import a framework…');
  await picker.setInputFiles({ name: 'bad.yaml', mimeType: 'application/yaml', buffer: Buffer.from('objects: {framework: {name: x, ref_id: x, requirement_nodes: [{urn: a}]}}\n') });
  await expect(page.getByRole('alert')).toContainText('bad.yaml');
  await expect(page.getByRole('heading', { name: 'No imported frameworks yet' })).toBeVisible();

  await picker.setInputFiles({ name: 'nist-sp-800-66-rev2.yaml', mimeType: 'application/yaml', buffer: readFileSync(LIBRARY) });
  const table = page.getByRole('table', { name: 'Imported frameworks' });
  const row = table.getByRole('row', { name: new RegExp(NAME.replace(/[()]/g, '\\$&')) });
  await expect(row).toContainText('152 assessable of 179');
  await expect(row).toContainText('0 of 152');
  await expectAccessible(page, 'frameworks');
  await shoot(page, 'list');

  // map one requirement in the picker, by keyboard search
  await row.getByRole('link', { name: NAME }).click();
  await screenReady(page, 'screen-framework');
  await expect(page.getByRole('heading', { level: 1, name: `Map ${NAME}` })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search requirements' })).toBeFocused();
  await page.keyboard.type('Identify all ePHI');
  const requirements = page.getByRole('list', { name: 'Requirements to map' });
  await expect(requirements.getByRole('button')).toHaveCount(1);
  await requirements.getByRole('button', { name: /node4/ }).click();
  await page.getByRole('searchbox', { name: 'Search controls' }).fill('GV-05');
  // keyboard: Tab from the search to the first match, Space ticks it
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: /GV-05/ })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: /GV-05/ })).toBeChecked();
  await page.getByRole('combobox', { name: 'Coverage of node4 by GV-05' }).selectOption('partial');
  await expect(page.getByText('Maps to GV-05 (partly) · not saved')).toBeVisible();
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await expect(page.getByText('Maps to GV-05 (partly)', { exact: true })).toBeVisible();
  await expect(requirements.getByRole('button', { name: /node4/ })).toContainText('1 control');
  await expect(page.getByRole('main').getByText('1 of 152 requirements mapped')).toBeVisible();

  // a mapping file naming a control that does not exist is refused at its line
  const mapFile = page.getByLabel('Map from file…');
  await mapFile.setInputFiles({ name: 'guide.csv', mimeType: 'text/csv', buffer: Buffer.from('requirement,control,coverage\nnode6,NO-SUCH-99,full\n') });
  await expect(page.getByRole('alert')).toContainText('guide.csv');
  await expect(page.getByRole('alert')).toContainText('line 2');
  await expect(page.getByRole('main').getByText('1 of 152 requirements mapped')).toBeVisible();
  // the second requirement from a good file
  await mapFile.setInputFiles({ name: 'guide.csv', mimeType: 'text/csv', buffer: Buffer.from('requirement,control,coverage\nnode6,AC-01,full\n') });
  await expect(page.getByRole('main').getByText('2 of 152 requirements mapped')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search requirements' }).fill('');
  await expect(requirements.getByRole('button', { name: /^node4 / })).toContainText('1 control');
  await requirements.getByRole('button', { name: /^node6 / }).click();
  await expect(page.getByRole('checkbox', { name: /AC-01/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /GV-05/ })).not.toBeChecked();
  await expectAccessible(page, 'framework mapping');
  await shoot(page, 'mapping');

  // a project on the imported framework: its checklist is the mapped controls
  await page.getByRole('link', { name: 'All projects' }).click();
  await screenReady(page, 'screen-projects');
  await page.getByRole('button', { name: 'Create the first project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill('Claims triage on the guide');
  await dialog.getByRole('checkbox', { name: 'HIPAA Security Rule' }).uncheck();
  await dialog.getByRole('checkbox', { name: `${NAME} (imported)` }).check();
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('figure', { name: `${NAME}: 0% ready` })).toBeVisible();

  // the reports screen offers it by name
  const nav = page.getByRole('navigation', { name: 'Project' });
  await nav.getByRole('link', { name: /Reports/ }).click();
  await expect(page.getByRole('option', { name: NAME })).toBeAttached();

  // and every other screen names it too, never by its generated id
  const ID = 'nist-sp-800-66-rev2';
  await nav.getByRole('link', { name: /Coverage/ }).click();
  await expect(page.getByRole('tab', { name: NAME })).toBeVisible();
  await expect(page.getByRole('tab', { name: ID })).toHaveCount(0);
  await nav.getByRole('link', { name: /Checklist/ }).click();
  await expect(page.getByRole('option', { name: new RegExp(`^${NAME.replace(/[()]/g, '\\$&')} \\(\\d+\\)$`) })).toBeAttached();
  await expect(page.getByRole('gridcell', { name: NAME }).first()).toBeVisible();
  await nav.getByRole('link', { name: /Walkthrough/ }).click();
  await expect(page.getByRole('article').getByText(NAME).first()).toBeVisible();
  await expect(page.getByRole('article').getByText(ID)).toHaveCount(0);
  await nav.getByRole('link', { name: /Team/ }).click();
  await page.getByRole('button', { name: 'Start a session' }).click();
  await expect(page.getByRole('checkbox', { name: NAME })).toBeVisible();
});

const REF = resolve('..', 'shared', 'reference', 'frameworks');
const PROFILE = resolve(REF, 'NIST_SP-800-53_rev5_LOW-baseline_profile.json');
const CATALOG = resolve(REF, 'NIST_SP-800-53_rev5_catalog.json');

test('an OSCAL profile is refused without its catalog, then imported with the catalog picked after it', async ({ page, app }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Frameworks' }).click();
  await screenReady(page, 'screen-frameworks');

  // the profile alone: core's refusal, with the file and the place, and nothing imported
  await page.getByLabel('Import a framework…').setInputFiles({ name: 'NIST_SP-800-53_rev5_LOW-baseline_profile.json', mimeType: 'application/json', buffer: readFileSync(PROFILE) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('NIST_SP-800-53_rev5_LOW-baseline_profile.json');
  await expect(alert).toContainText('the catalog it imports was not found');
  await expect(page.getByRole('heading', { name: 'No imported frameworks yet' })).toBeVisible();
  await shoot(page, 'profile-refused');

  // its catalog, picked after the refusal, imports the two together
  await page.getByLabel('Profile’s catalog…').setInputFiles({ name: 'NIST_SP-800-53_rev5_catalog.json', mimeType: 'application/json', buffer: readFileSync(CATALOG) });
  const table = page.getByRole('table', { name: 'Imported frameworks' });
  await expect(table).toContainText('149 assessable of 167', { timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Catalog for a profile: NIST_SP-800-53_rev5_catalog.json')).toBeVisible();
  await expectAccessible(page, 'frameworks-profile');
  await shoot(page, 'profile-imported');
});
