// Team tests: several people on one workbench (each a context with its own actor), and two
// workbenches standing for two laptops.
import type { CoreContext } from '../../../electron/core/context';
import { createProject } from '../../../electron/core/projects/projects';
import { addMember } from '../../../electron/core/members/members';
import { exportBundle } from '../../../electron/core/bundle/export';
import { importBundle } from '../../../electron/core/bundle/import';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { profileKeyPath, profileKeysDir } from '../../../electron/core/identity/key-file';
import { testWorkbench, fixedClock, tempDir } from '../../helpers/workbench';
import type { Role } from '../../../shared/team';

/** The same workbench, acting as someone else. */
export function as(ctx: CoreContext, name: string): CoreContext {
  return { ...ctx, actor: () => name };
}

export type Team = Awaited<ReturnType<typeof teamProject>>;

/** A project owned by Ada Tester with one member of each other role. */
export async function teamProject(frameworks: Array<'hipaa' | 'gdpr' | 'pci'> = ['pci']) {
  const clock = fixedClock();
  const wb = await testWorkbench({ now: clock.now });
  const project = createProject(wb.ctx, { name: 'Claims model', frameworks });
  const people: Record<Exclude<Role, 'owner'>, string> = { assessor: 'Grace', contributor: 'Linus', viewer: 'Erin' };
  for (const [role, name] of Object.entries(people) as Array<[Role, string]>) addMember(wb.ctx, project.id, { name, role });
  return { wb, clock, projectId: project.id, owner: wb.ctx, assessor: as(wb.ctx, 'Grace'), contributor: as(wb.ctx, 'Linus'), viewer: as(wb.ctx, 'Erin'), stranger: as(wb.ctx, 'Mallory') };
}

/**
 * A second laptop: a fresh workbench that imported the project from the first. When the actor
 * also acted on the first laptop (the team helpers play everyone there), they carry their key
 * along: one person, one key, as verify's actor binding requires.
 */
export async function secondLaptop(from: CoreContext, projectId: string, actor = 'Linus') {
  const clock = fixedClock('2026-11-28T10:30:00.000Z');
  const file = join(tempDir(), 'laptop.sqlite');
  const theirs = profileKeyPath(from.db.name, actor);
  if (existsSync(theirs)) {
    mkdirSync(profileKeysDir(file), { mode: 0o700 });
    copyFileSync(theirs, profileKeyPath(file, actor));
  }
  const wb = await testWorkbench({ now: clock.now, actor, file });
  const bundle = await exportBundle(from, projectId);
  await importBundle(wb.ctx, bundle.bytes);
  return { wb, clock, ctx: wb.ctx };
}

export function countRows(ctx: CoreContext): Record<string, number> {
  const tables = ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, ctx.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}
