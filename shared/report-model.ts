// The report model: everything a report says about a project, as plain strings, numbers and
// sorted arrays, so that every renderer (Markdown, PDF, OSCAL, CSV) is a pure function of it and
// the same project state always gives the same bytes. Core builds it from the database; the
// renderers never look anywhere else.
import { z } from 'zod';
import {
  ControlStatus,
  DomainId,
  EvidenceKind,
  FrameworkRef,
  IsoDate,
  Priority,
  Readiness,
} from './domain';

/** A point in time with its zone (`2025-03-01T14:05:00.000Z`); never a Date object. */
export const ReportTimestamp = z.iso.datetime({ offset: true });

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');

export const ReportFramework = z.object({
  id: FrameworkRef,
  /** Display name, e.g. "PCI DSS v4.0.1". */
  name: z.string().min(1),
  /** The framework text the catalog follows, e.g. "4.0.1" or "2016/679". */
  version: z.string().min(1),
});
export type ReportFramework = z.infer<typeof ReportFramework>;

export const ReportScope = z.object({
  frameworks: z.array(ReportFramework).min(1, 'a report covers at least one framework'),
  /** 'all' or the one framework the reader asked for. */
  frameworkFilter: z.union([z.literal('all'), FrameworkRef]),
  /** Whether controls marked not applicable appear in the lists. */
  includeNotApplicable: z.boolean(),
  /** The live working state, or the last signed baseline. */
  describes: z.enum(['current', 'signed_baseline']),
  /** Present exactly when `describes` is 'signed_baseline'. */
  baseline: z.object({ signedBy: z.string().min(1), signedAt: ReportTimestamp }).nullable(),
});
export type ReportScope = z.infer<typeof ReportScope>;

export const ReportGap = z.object({
  controlId: z.string().min(1),
  title: z.string(),
  priority: Priority,
  status: ControlStatus,
});
export type ReportGap = z.infer<typeof ReportGap>;

export const ReportSummary = z.object({
  overall: Readiness,
  byFramework: z.array(z.object({ framework: FrameworkRef, readiness: Readiness })),
  byDomain: z.array(z.object({ domain: DomainId, readiness: Readiness })),
  topGaps: z.array(ReportGap),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportRequirement = z.object({
  /** The framework's own identifier: `164.312(b)`, `Art. 32(1)(a)`, `10.2.1`. */
  id: z.string().min(1),
  title: z.string(),
  /** The in-scope controls that satisfy it (may be empty: the report then says so). */
  controls: z.array(z.object({ id: z.string().min(1), title: z.string(), status: ControlStatus })),
  /**
   * Why a requirement without controls of its own is not a gap: it is met through the
   * requirements beneath it, or it lies outside this catalog (with the catalog's reason).
   */
  note: z.string().nullable().optional(),
});
export type ReportRequirement = z.infer<typeof ReportRequirement>;

export const ReportControl = z.object({
  id: z.string().min(1),
  title: z.string(),
  domain: DomainId,
  priority: Priority,
  status: ControlStatus,
  /** Empty string when nobody owns it yet. */
  owner: z.string(),
  note: z.string(),
  dueDate: IsoDate.nullable(),
  frameworks: z.array(FrameworkRef),
  requirements: z.array(z.object({ framework: FrameworkRef, id: z.string().min(1) })),
  evidenceIds: z.array(z.string()),
});
export type ReportControl = z.infer<typeof ReportControl>;

export const ReportEvidence = z.object({
  id: z.string().min(1),
  controlId: z.string().min(1),
  kind: EvidenceKind,
  name: z.string().min(1),
  /** SHA-256 of the stored bytes (file), of the URL (link) or of the text (note). */
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  mediaType: z.string().nullable(),
  url: z.string().nullable(),
  collectedOn: IsoDate,
  expiresOn: IsoDate.nullable(),
  attachedBy: z.string(),
  /** Judged by core at generation time, so renderers never compare dates themselves. */
  expired: z.boolean(),
});
export type ReportEvidence = z.infer<typeof ReportEvidence>;

export const ReportAuditEntry = z.object({
  at: ReportTimestamp,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** One line a person can read, e.g. "status not_assessed → partial". */
  summary: z.string(),
});
export type ReportAuditEntry = z.infer<typeof ReportAuditEntry>;

export const ReportAuditSummary = z.object({
  events: z.number().int().nonnegative(),
  firstAt: ReportTimestamp.nullable(),
  lastAt: ReportTimestamp.nullable(),
  /** true: hash chain checked and intact; false: checked and broken; null: not checked. */
  chainVerified: z.boolean().nullable(),
  /** When not verified: what failed, one sentence each (chain, replay of the tables, ...). */
  verificationProblems: z.array(z.string()).optional(),
  /** The chain's anchored head when the report was made: a later verify must still reach this event with this hash. */
  head: z.object({ seq: z.number().int(), hash: z.string(), signed: z.boolean() }).nullable().optional(),
  byActor: z.array(z.object({ actor: z.string(), events: z.number().int().nonnegative() })),
  recent: z.array(ReportAuditEntry),
});
export type ReportAuditSummary = z.infer<typeof ReportAuditSummary>;

export const ReportSignOff = z
  .object({
    signedBy: z.string().min(1).optional(),
    signedAt: ReportTimestamp.optional(),
    role: z.string().min(1).optional(),
  })
  .nullable();
export type ReportSignOff = z.infer<typeof ReportSignOff>;

/**
 * Readiness per framework over time, replayed from the audit history: one point per UTC day on
 * which a status changed (readiness at the end of that day, the same definition as everywhere),
 * and the sign-offs, so a chart can mark them.
 */
export const ReadinessHistory = z.object({
  points: z.array(
    z.object({
      day: IsoDate,
      byFramework: z.array(z.object({ framework: FrameworkRef, percent: z.number().min(0).max(100).nullable() })),
    }),
  ),
  signOffs: z.array(z.object({ day: IsoDate, at: ReportTimestamp, signedBy: z.string() })),
});
export type ReadinessHistory = z.infer<typeof ReadinessHistory>;

export const ReportModel = z
  .object({
    generatedAt: ReportTimestamp,
    generatedBy: z.string().min(1),
    project: z.object({ id: z.string().min(1), name: z.string().min(1), description: z.string() }),
    scope: ReportScope,
    catalogVersion: z.string().min(1),
    summary: ReportSummary,
    requirementsByFramework: z.array(
      z.object({ framework: FrameworkRef, requirements: z.array(ReportRequirement) }),
    ),
    controls: z.array(ReportControl),
    evidence: z.array(ReportEvidence),
    auditSummary: ReportAuditSummary,
    signOff: ReportSignOff,
    /** Absent in models made before readiness was traced over time. */
    readinessHistory: ReadinessHistory.optional(),
  })
  .superRefine((m, ctx) => {
    // Cross-references are checked here so that no renderer meets a dangling id.
    const isBaseline = m.scope.describes === 'signed_baseline';
    if (isBaseline !== (m.scope.baseline !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope', 'baseline'],
        message: isBaseline
          ? 'a report of a signed baseline needs baseline.signedBy and baseline.signedAt'
          : 'baseline must be null when the report describes the current state',
      });
    }
    const controlIds = new Set<string>();
    m.controls.forEach((c, i) => {
      if (controlIds.has(c.id)) {
        ctx.addIssue({ code: 'custom', path: ['controls', i, 'id'], message: `control ${c.id} appears twice` });
      }
      controlIds.add(c.id);
    });
    const evidenceOwner = new Map<string, string>();
    m.evidence.forEach((e, i) => {
      if (evidenceOwner.has(e.id)) {
        ctx.addIssue({ code: 'custom', path: ['evidence', i, 'id'], message: `evidence ${e.id} appears twice` });
      }
      evidenceOwner.set(e.id, e.controlId);
      if (!controlIds.has(e.controlId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['evidence', i, 'controlId'],
          message: `evidence ${e.id} belongs to control ${e.controlId}, which is not in the report`,
        });
      }
    });
    m.controls.forEach((c, i) => {
      c.evidenceIds.forEach((id, j) => {
        const owner = evidenceOwner.get(id);
        if (owner !== c.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['controls', i, 'evidenceIds', j],
            message:
              owner === undefined
                ? `control ${c.id} lists evidence ${id}, which is not in the report`
                : `control ${c.id} lists evidence ${id}, which belongs to control ${owner}`,
          });
        }
      });
    });
  });
export type ReportModel = z.infer<typeof ReportModel>;

export const REPORT_FORMATS = ['md', 'pdf', 'oscal', 'poam', 'csv'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** A full report has every section; a summary is what an auditor reads first (PDF). */
export const REPORT_KINDS = ['full', 'summary'] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;
