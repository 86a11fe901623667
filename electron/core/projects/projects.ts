// Projects: one workload under assessment, with the frameworks in scope. Creating one, or
// changing its scope, keeps exactly one assessment row per in-scope control.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { inTransaction } from '../store/database';
import { appendChange, applyChange } from '../audit/changes';
import { notFound } from '../errors';
import { setProjectFrameworks } from './sync-scope';
import { addCreatorAsOwner } from '../members/members';
import { requireRole } from '../members/permissions';
import type { Project } from '../../../shared/domain';
import { orderFrameworks } from '../../../shared/domain';
import { readAll, readOne, type ReadContext } from '../store/access';
import { RECORDS } from '../../../shared/records';

type ProjectRow = {
  id: string; name: string; description: string; catalog_version: string; created_at: string;
  created_by: string; updated_at: string; archived_at: string | null; walkthrough_at: string | null; frameworks: string | null;
};

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newProjectId(): string {
  const bytes = randomBytes(10);
  return `prj-${Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

const SELECT_PROJECT = `
  SELECT p.*, (SELECT group_concat(framework_id) FROM project_frameworks f WHERE f.project_id = p.id) AS frameworks
  FROM projects p`;

function toProject(row: ProjectRow): Project {
  const set = new Set((row.frameworks ?? '').split(',').filter(Boolean));
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    frameworks: orderFrameworks(set),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    catalogVersion: row.catalog_version,
    walkthroughAt: row.walkthrough_at,
  };
}

export function getProject(ctx: ReadContext, id: string): Project {
  const row = readOne<ProjectRow>(ctx.db, `${SELECT_PROJECT} WHERE p.id = ?`, id);
  if (!row) throw notFound('project', id, 'List projects with `cwb project list`.');
  return toProject(row);
}

export function listProjects(ctx: ReadContext, opts: { includeArchived?: boolean } = {}): Project[] {
  const rows = readAll<ProjectRow>(ctx.db, `${SELECT_PROJECT} WHERE (? = 1 OR p.archived_at IS NULL) ORDER BY p.updated_at DESC, p.name`, opts.includeArchived ? 1 : 0);
  return rows.map(toProject);
}

const FIELDS = RECORDS.project.fields;
export const CreateProjectInput = z.object({
  name: FIELDS.name.schema,
  description: FIELDS.description.schema.default(''),
  frameworks: FIELDS.frameworks.schema,
});

export function createProject(ctx: CoreContext, input: z.input<typeof CreateProjectInput>): Project {
  const { name, description, frameworks } = CreateProjectInput.parse(input);
  const id = newProjectId();
  const at = ctx.now().toISOString();
  const actor = ctx.actor();
  return inTransaction(ctx.db, () => {
    ctx.db
      .prepare('INSERT INTO projects (id, name, description, catalog_version, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, name, description, ctx.catalog.version, at, actor, at);
    const { frameworks: unique, scopeChange: { added } } = setProjectFrameworks(ctx, id, frameworks);
    const owner = addCreatorAsOwner(ctx, id, at);
    appendChange(ctx, {
      projectId: id, at, entity: 'project', entityId: id, action: 'project.create',
      before: null, after: { name, description, frameworks: unique, catalogVersion: ctx.catalog.version, controls: added.length, owner },
    });
    return getProject(ctx, id);
  });
}

export const UpdateProjectInput = z.object({
  id: z.string(),
  name: FIELDS.name.schema.optional(),
  description: FIELDS.description.schema.optional(),
  frameworks: FIELDS.frameworks.schema.optional(),
  archived: z.boolean().optional(),
});

export function updateProject(ctx: CoreContext, input: z.input<typeof UpdateProjectInput>): Project {
  const patch = UpdateProjectInput.parse(input);
  requireRole(ctx, patch.id, 'project.edit');
  return inTransaction(ctx.db, () => {
    getProject(ctx, patch.id);
    const at = ctx.now().toISOString();
    applyChange(ctx, {
      projectId: patch.id, record: 'project', id: patch.id, at,
      patch: {
        name: patch.name,
        description: patch.description,
        frameworks: patch.frameworks && orderFrameworks(patch.frameworks),
        archivedAt: patch.archived === undefined ? undefined : patch.archived ? at : null,
      },
      action: patch.archived === true ? 'project.archive' : patch.archived === false ? 'project.restore' : 'project.update',
    });
    return getProject(ctx, patch.id);
  });
}
