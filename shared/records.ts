// The registry of audited records: every record a person changes, its table and key, each
// writable field with its schema, column and merge rule, and every audit action. The contract's
// argument schemas, the bundle's field lists and rows, the write path in core and the replay
// behind `audit verify` are all derived from here: adding a field is a migration plus one line.
import { z } from 'zod';
import { ActionItemStatus, ControlStatus, FrameworkRef, IsoDate, ProjectName, Role } from './domain';
import { lazySchema } from './lazy-schema';

/**
 * How copies merge a field: `latest` — the write that every other write to the field came before
 * wins; writes neither of which saw the other, with different values, become a conflict for a
 * person to decide.
 */
export type MergeRule = 'latest';

export type FieldSpec = {
  schema: z.ZodType;
  /** The column in the record's table; null when the record's own store keeps it (a project's frameworks). */
  column: string | null;
  /** The value a new row has before anyone wrote the field. */
  initial: unknown;
  merge: MergeRule;
};

/** Roles are checked per record (electron/core/members/permissions.ts names what each may do). */
export type RecordPermission = 'control.answer' | 'project.edit' | 'members.manage' | 'action.manage' | 'evidence.attach' | 'session.run' | 'review' | 'signoff';

export type RecordSpec = {
  /** The audit event's `entity` for changes of this record. */
  entity: string;
  table: string;
  /** The column that names one row within a project. */
  key: string;
  permission: RecordPermission;
  fields: Readonly<Record<string, FieldSpec>>;
  /** The actions whose event's `after` carries values of these fields. */
  sets: readonly AuditAction[];
  /** Columns stamped with who wrote a field and when, if the table keeps them. */
  stamp?: { at: string; by: string };
};

/** A field: its schema (built on first use, shared/lazy-schema.ts), its column, its value before any write. */
const field = <S extends z.ZodType>(schema: () => S, column: string | null, initial: unknown) => ({
  schema: lazySchema(schema),
  column,
  initial,
  merge: 'latest' as const,
});

/** Every audit action there is. An event with any other action is not one this version wrote. */
export const AUDIT_ACTIONS = [
  'project.create', 'project.update', 'project.archive', 'project.restore', 'catalog.upgrade',
  'control.update',
  'evidence.add', 'evidence.remove',
  'analysis.add',
  'member.add', 'member.role', 'member.remove',
  'action_item.add', 'action_item.update',
  'session.start', 'session.end',
  'review.approve', 'review.reject',
  'baseline.sign',
  'conflict.resolve',
  'bundle.import', 'bundle.merge',
  // imported frameworks: on the workbench chain (WORKBENCH_CHAIN), and on a project whose scope moved
  'framework.import', 'framework.map', 'framework.upgrade',
  'evidence.expiry',
] as const;

/**
 * The audit chain of changes that belong to the workbench rather than to one project: imported
 * frameworks and their mappings to our controls, shared by every project that uses them.
 */
export const WORKBENCH_CHAIN = 'workbench';
export const AuditAction = lazySchema(() => z.enum(AUDIT_ACTIONS));
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const RECORDS = {
  control: {
    entity: 'control', table: 'control_assessments', key: 'control_id', permission: 'control.answer',
    fields: {
      status: field(() => ControlStatus, 'status', 'not_assessed'),
      owner: field(() => z.string().trim().max(200, 'an owner name has at most 200 characters'), 'owner', ''),
      note: field(() => z.string().max(20_000, 'a note has at most 20,000 characters'), 'note', ''),
      dueDate: field(() => IsoDate.nullable(), 'due_date', null),
    },
    sets: ['control.update'],
    stamp: { at: 'updated_at', by: 'updated_by' },
  },
  project: {
    entity: 'project', table: 'projects', key: 'id', permission: 'project.edit',
    fields: {
      name: field(() => ProjectName, 'name', ''),
      description: field(() => z.string().max(5000, 'a description has at most 5,000 characters'), 'description', ''),
      frameworks: field(() => z.array(FrameworkRef).min(1, 'choose at least one framework (hipaa, gdpr, pci or an imported one)'), null, []),
      archivedAt: field(() => z.string().max(40).nullable(), 'archived_at', null),
    },
    sets: ['project.create', 'project.update', 'project.archive', 'project.restore'],
  },
  member: {
    entity: 'member', table: 'project_members', key: 'member_key', permission: 'members.manage',
    fields: { role: field(() => Role.nullable(), 'role', null) },
    sets: ['member.add', 'member.role', 'member.remove'],
  },
  action_item: {
    entity: 'action_item', table: 'action_items', key: 'id', permission: 'action.manage',
    fields: {
      text: field(() => z.string().trim().min(1, 'an action item needs a text').max(2000, 'an action item has at most 2,000 characters'), 'text', ''),
      owner: field(() => z.string().trim().max(200, 'an owner name has at most 200 characters'), 'owner', ''),
      dueDate: field(() => IsoDate.nullable(), 'due_date', null),
      status: field(() => ActionItemStatus, 'status', 'open'),
    },
    sets: ['action_item.add', 'action_item.update'],
  },
  // records added whole and then only moved forward: no writable fields, merged by row
  // evidence is added whole; its expiry is the one field set afterwards (a certificate renewed, a date corrected)
  evidence: {
    entity: 'evidence', table: 'evidence', key: 'id', permission: 'evidence.attach',
    fields: { expiresOn: field(() => IsoDate.nullable(), 'expires_on', null) },
    sets: ['evidence.expiry'],
  },
  session: { entity: 'session', table: 'audit_sessions', key: 'id', permission: 'session.run', fields: {}, sets: [] },
  review: { entity: 'control', table: 'reviews', key: 'id', permission: 'review', fields: {}, sets: [] },
  baseline: { entity: 'baseline', table: 'baselines', key: 'id', permission: 'signoff', fields: {}, sets: [] },
} as const satisfies Record<string, RecordSpec>;

export type Registry = Readonly<Record<string, RecordSpec>>;
export type RecordName = keyof typeof RECORDS;

/** The records whose fields are written one by one (and merged field by field). */
export const FIELD_RECORDS = ['control', 'project', 'member', 'action_item', 'evidence'] as const;
export type FieldRecord = (typeof FIELD_RECORDS)[number];

export type FieldsOf<R extends RecordName> = keyof (typeof RECORDS)[R]['fields'] & string;
type SchemaOf<R extends FieldRecord, F> = (typeof RECORDS)[R]['fields'] extends infer Fs
  ? F extends keyof Fs ? (Fs[F] extends { schema: infer S extends z.ZodType } ? S : never) : never
  : never;

/** A patch of a record: any of its fields, each by its own schema; unknown fields refused. */
export function patchSchema<R extends FieldRecord>(record: R) {
  const fields = RECORDS[record].fields as Record<string, FieldSpec>;
  const shape = Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema.optional()]));
  return z.object(shape).strict() as unknown as z.ZodObject<{ [F in FieldsOf<R>]: z.ZodOptional<SchemaOf<R, F>> }, z.core.$strict>;
}

export const ControlPatch = lazySchema(() => patchSchema('control'));
export type ControlPatch = z.infer<typeof ControlPatch>;
export const ActionItemPatch = lazySchema(() => patchSchema('action_item'));
export type ActionItemPatch = z.infer<typeof ActionItemPatch>;
