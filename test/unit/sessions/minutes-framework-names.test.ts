// Minutes name an imported framework the way people know it, never by its generated id.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { importFramework, setFrameworkMapping } from '../../../electron/core/frameworks/store';
import { createProject } from '../../../electron/core/projects/projects';
import { startSession } from '../../../electron/core/sessions/sessions';
import { buildMinutes } from '../../../electron/core/sessions/minutes';
import { renderMinutesMarkdown } from '../../../electron/core/sessions/minutes-markdown';
import { testWorkbench } from '../../helpers/workbench';

const REF = fileURLToPath(new URL('../../../../shared/reference/frameworks/', import.meta.url));

describe('minutes of a session scoped to an imported framework', () => {
  it('print the framework by its name', async () => {
    const { ctx } = await testWorkbench({ catalog: loadBuiltinCatalog() });
    const guide = importFramework(ctx, { name: 'nist-sp-800-66-rev2.yaml', text: readFileSync(`${REF}nist-sp-800-66-rev2.yaml`, 'utf8') });
    setFrameworkMapping(ctx, guide.id, [{ requirement: 'node4', controls: [{ control: 'GV-05', coverage: 'partial' }] }]);
    const name = ctx.catalog.frameworks.find((f) => f.id === guide.id)!.name;
    expect(name).not.toBe(guide.id);
    const project = createProject(ctx, { name: 'Claims model', frameworks: ['hipaa', guide.id] });
    const session = startSession(ctx, project.id, { title: 'Day 1', scope: { frameworks: [guide.id] } });
    const minutes = buildMinutes(ctx, session);
    expect(minutes.frameworkNames).toEqual({ [guide.id]: name });
    const text = renderMinutesMarkdown(minutes);
    expect(text).toContain(`- Scope: ${name}; all domains`);
    expect(text).not.toContain(guide.id + ';');
  });
});
