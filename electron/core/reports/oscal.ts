// NIST OSCAL 1.0.6 renderings of a project: Assessment Results (one finding per control, one
// observation per evidence item, a risk per gap) and a Plan of Action and Milestones (one item
// per non-compliant or partial control). Every UUID is derived from the project id and a stable
// key, so re-rendering the same state gives the same document.
import type { ControlStatus } from '../../../shared/domain';
import type { ReportControl, ReportEvidence, ReportModel } from '../../../shared/report-model';
import { ReportError } from './errors';
import { citation, describesText, frameworkWithVersion, remediationItems, statusText } from './format';
import { evidenceFileName, stableUuidName, uuidV5, WORKBENCH_NAMESPACE } from './ids';
import { checkReportModel } from './model';
import { isWebLink } from '../evidence/web-link';
import { readinessText } from '../../../shared/gaps';

export const OSCAL_VERSION = '1.0.6';
/** Namespace of our own props: they are not NIST-defined names. */
export const OSCAL_NS = 'urn:compliance-workbench:oscal';

export type OscalOptions = {
  /** Version of Compliance Workbench writing the document; recorded in metadata. */
  appVersion?: string;
  /** Where an evidence file is found, relative to the document. Default: the evidence package layout. */
  evidenceHref?: (e: ReportEvidence) => string;
};

type Json = Record<string, unknown>;

// ---- value shaping: OSCAL strings may not be empty, padded or multi-line; tokens are NCNames.

/** OSCAL "string": one line, no leading or trailing space; undefined when nothing is left. */
function line(s: string): string | undefined {
  // most values (ids, hashes, names) are one line already: checked in one pass, not rebuilt
  if (ONE_LINE.test(s)) return s;
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
}
/** Words joined by single plain spaces: what line() would return unchanged. */
const ONE_LINE = /^\S+(?: \S+)*$/;

/** OSCAL "token" (an XML NCName). Control ids like `DS-01` pass unchanged. */
export function token(s: string): string {
  const t = s.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(t) ? t : `_${t}`;
}

/** Any text as a URI reference: characters RFC 3986 does not allow are percent-encoded. */
export function uriReference(s: string): string {
  // one code point at a time (u flag): a character outside the allowed set is percent-encoded whole
  return s.trim()
    .replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (ch) => encodeURIComponent(ch))
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

function instant(iso: string): string {
  return new Date(iso).toISOString();
}

function prop(name: string, value: string, cls?: string): Json[] {
  const v = line(value);
  if (v === undefined) return [];
  return [{ name, ns: OSCAL_NS, value: v, ...(cls ? { class: token(cls) } : {}) }];
}

/** Drops keys whose value is undefined or an empty array (OSCAL arrays need at least one item). */
function compact(o: Json): Json {
  const out: Json = {};
  // for…in over an object literal: its own keys in the order written, no entry arrays made
  for (const k in o) {
    const v = o[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

// ---- shared pieces

type Ctx = { m: ReportModel; opts: OscalOptions; id: (...key: string[]) => string };

function context(m: ReportModel, opts: OscalOptions): Ctx {
  // each id worked out once: an evidence item's resource is named by its own entry and by its observation
  const known = new Map<string, string>();
  return {
    m,
    opts,
    id: (...key) => {
      // the name stableUuid(m.project.id, ...key) hashes, made once: it is also the memo's key
      const name = stableUuidName(m.project.id, ...key);
      let uuid = known.get(name);
      if (uuid === undefined) known.set(name, (uuid = uuidV5(WORKBENCH_NAMESPACE, name)));
      return uuid;
    },
  };
}

function partyUuid(ctx: Ctx, name: string): string {
  return ctx.id('party', name);
}

/** Who generated the report, as an OSCAL party name (which may not be blank). */
function preparerName(m: ReportModel): string {
  return line(m.generatedBy) ?? 'Unnamed user';
}

function people(m: ReportModel): string[] {
  const names = new Set<string>([preparerName(m)]);
  const add = (s: string | undefined): void => {
    const v = s === undefined ? undefined : line(s);
    if (v !== undefined) names.add(v);
  };
  add(m.scope.baseline?.signedBy);
  add(m.signOff?.signedBy);
  m.controls.forEach((c) => add(c.owner));
  m.evidence.forEach((e) => add(e.attachedBy));
  m.auditSummary.byActor.forEach((a) => add(a.actor));
  m.auditSummary.recent.forEach((a) => add(a.actor));
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function metadata(ctx: Ctx, title: string): Json {
  const { m } = ctx;
  const signer = m.signOff?.signedBy ? line(m.signOff.signedBy) : undefined;
  const preparer = preparerName(m);
  const version =
    m.scope.describes === 'signed_baseline' && m.scope.baseline
      ? `signed baseline ${instant(m.scope.baseline.signedAt)}`
      : `working state ${instant(m.generatedAt)}`;
  return compact({
    title,
    'last-modified': instant(m.generatedAt),
    version,
    'oscal-version': OSCAL_VERSION,
    props: [
      ...prop('project-id', m.project.id),
      ...prop('project-name', m.project.name),
      ...prop('catalog-version', m.catalogVersion),
      ...prop('state-described', describesText(m)),
      ...prop('framework-filter', m.scope.frameworkFilter),
      ...m.scope.frameworks.flatMap((f) => prop('framework', frameworkWithVersion(m, f.id), f.id)),
      ...(ctx.opts.appVersion ? prop('generator', `Compliance Workbench ${ctx.opts.appVersion}`) : []),
    ],
    roles: [
      { id: 'prepared-by', title: 'Prepared by' },
      { id: 'control-owner', title: 'Control owner' },
      { id: 'approver', title: 'Approver' },
    ],
    parties: people(m).map((name) => ({ uuid: partyUuid(ctx, name), type: 'person', name })),
    'responsible-parties': [
      { 'role-id': 'prepared-by', 'party-uuids': [partyUuid(ctx, preparer)] },
      ...(signer ? [{ 'role-id': 'approver', 'party-uuids': [partyUuid(ctx, signer)] }] : []),
    ],
  });
}

function evidenceResourceUuid(ctx: Ctx, e: ReportEvidence): string {
  return ctx.id('evidence-resource', e.id);
}

function observationUuid(ctx: Ctx, e: ReportEvidence): string {
  return ctx.id('observation', e.id);
}

function riskUuid(ctx: Ctx, c: ReportControl): string {
  return ctx.id('risk', c.id);
}

/**
 * An href a reader may follow: a relative reference (a file in the package) or an http(s) URL.
 * Links are checked where they enter; this is the second line, so a `javascript:` or `file:`
 * URL that got into the data anyway is dropped rather than written.
 */
function followableHref(href: string): string | null {
  const trimmed = href.trim();
  const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed);
  if (hasScheme ? !isWebLink(trimmed) : trimmed.startsWith('//')) return null;
  return uriReference(trimmed);
}

function evidenceResource(ctx: Ctx, e: ReportEvidence): Json {
  const href = followableHref(ctx.opts.evidenceHref?.(e) ?? `../evidence/${evidenceFileName(e.sha256, e.name)}`);
  const linkHref = e.kind === 'link' && e.url && line(e.url) ? followableHref(e.url) : null;
  const rlinks: Json[] = [];
  if (e.kind === 'file' && href) {
    rlinks.push(
      compact({
        href,
        'media-type': e.mediaType ? line(e.mediaType) : undefined,
        hashes: [{ algorithm: 'SHA-256', value: e.sha256 }],
      }),
    );
  } else if (linkHref) {
    rlinks.push({ href: linkHref });
  }
  return compact({
    uuid: evidenceResourceUuid(ctx, e),
    title: e.name,
    description: `${e.kind === 'file' ? 'File' : e.kind === 'link' ? 'Link' : 'Note'} attached to control ${e.controlId} by ${e.attachedBy}.`,
    props: [
      ...prop('evidence-id', e.id),
      ...prop('evidence-kind', e.kind),
      ...prop('sha256', e.sha256),
      ...prop('attached-by', e.attachedBy),
      ...(e.expired ? prop('expired', 'true') : []),
    ],
    rlinks,
  });
}

function observation(ctx: Ctx, e: ReportEvidence): Json {
  return compact({
    uuid: observationUuid(ctx, e),
    title: e.name,
    description: `Evidence for control ${e.controlId}: ${e.name}${e.expired ? ' (expired)' : ''}.`,
    props: prop('control-id', e.controlId),
    methods: ['EXAMINE'],
    'relevant-evidence': [{ href: `#${evidenceResourceUuid(ctx, e)}`, description: e.name }],
    collected: `${e.collectedOn}T00:00:00Z`,
    expires: e.expiresOn ? `${e.expiresOn}T00:00:00Z` : undefined,
  });
}

function requirementsText(m: ReportModel, c: ReportControl): string {
  return c.requirements.map((r) => citation(r.framework, r.id)).join('; ');
}

function risk(ctx: Ctx, c: ReportControl): Json {
  const { m } = ctx;
  const owner = line(c.owner);
  const reqs = requirementsText(m, c);
  return compact({
    uuid: riskUuid(ctx, c),
    title: `${c.id}: ${c.title}`,
    description: `Control ${c.id} is ${statusText(c.status).toLowerCase()}.${reqs ? ` Requirements affected: ${reqs}.` : ''}`,
    statement: c.note.trim() === '' ? `Until ${c.id} is in place, the requirements it maps to are not met.` : c.note,
    props: [...prop('priority', c.priority), ...prop('control-status', c.status)],
    status: 'open',
    deadline: c.dueDate ? `${c.dueDate}T23:59:59Z` : undefined,
    remediations: [
      compact({
        uuid: ctx.id('remediation', c.id),
        lifecycle: 'planned',
        title: `Bring ${c.id} to compliant`,
        description: owner ? `Owner: ${owner}.${c.dueDate ? ` Due ${c.dueDate}.` : ''}` : 'No owner assigned yet.',
        origins: owner
          ? [{ actors: [{ type: 'party', 'actor-uuid': partyUuid(ctx, owner), 'role-id': 'control-owner' }] }]
          : undefined,
      }),
    ],
    'related-observations': c.evidenceIds.map((id) => ({ 'observation-uuid': ctx.id('observation', id) })),
  });
}

const TARGET: Record<ControlStatus, { state: string; reason: string; impl?: string; remarks?: string }> = {
  compliant: { state: 'satisfied', reason: 'pass', impl: 'implemented' },
  partial: { state: 'not-satisfied', reason: 'fail', impl: 'partial' },
  non_compliant: { state: 'not-satisfied', reason: 'fail' },
  not_assessed: { state: 'not-satisfied', reason: 'other', remarks: 'Not assessed yet.' },
  not_applicable: { state: 'satisfied', reason: 'other', impl: 'not-applicable', remarks: 'Not applicable to this workload.' },
};

function finding(ctx: Ctx, c: ReportControl): Json {
  const t = TARGET[c.status];
  const gap = c.status === 'non_compliant' || c.status === 'partial';
  return compact({
    uuid: ctx.id('finding', c.id),
    title: `${c.id}: ${c.title}`,
    description: `${c.title}. Status: ${statusText(c.status)}.${c.requirements.length ? ` Satisfies: ${requirementsText(ctx.m, c)}.` : ''}`,
    props: [
      ...prop('control-status', c.status),
      ...prop('priority', c.priority),
      ...prop('domain', c.domain),
      ...prop('owner', c.owner),
      ...prop('due-date', c.dueDate ?? ''),
      ...c.requirements.flatMap((r) => prop('requirement', r.id, r.framework)),
    ],
    target: compact({
      type: 'objective-id',
      'target-id': token(c.id),
      status: compact({ state: t.state, reason: t.reason, remarks: t.remarks }),
      'implementation-status': t.impl ? { state: t.impl } : undefined,
    }),
    'related-observations': c.evidenceIds.map((id) => ({ 'observation-uuid': ctx.id('observation', id) })),
    'related-risks': gap ? [{ 'risk-uuid': riskUuid(ctx, c) }] : undefined,
    remarks: c.note.trim() === '' ? undefined : c.note,
  });
}

// ---- documents

export function renderOscalAssessmentResults(input: ReportModel, opts: OscalOptions = {}): object {
  const m = checkReportModel(input);
  const ctx = context(m, opts);
  const planResource = ctx.id('assessment-plan');
  const signer = m.signOff?.signedBy ? line(m.signOff.signedBy) : undefined;
  const result = compact({
    uuid: ctx.id('result', m.scope.describes),
    title: `Readiness self-assessment: ${m.project.name}`,
    description: `${describesText(m)}. Controls in scope: ${m.summary.overall.inScope}; readiness ${readinessText(m.summary.overall.percent)}.`,
    start: instant(m.auditSummary.firstAt ?? m.generatedAt),
    end: instant(m.generatedAt),
    props: [
      ...prop('readiness-percent', m.summary.overall.percent === null ? 'n/a' : m.summary.overall.percent.toFixed(1)),
      ...prop('audit-events', String(m.auditSummary.events)),
      ...prop('audit-chain', m.auditSummary.chainVerified === null ? 'not-checked' : m.auditSummary.chainVerified ? 'verified' : 'broken'),
    ],
    'reviewed-controls': {
      'control-selections': [
        m.controls.length > 0
          ? { 'include-controls': m.controls.map((c) => ({ 'control-id': token(c.id) })) }
          : { remarks: 'No controls are in scope.' },
      ],
    },
    attestations: signer
      ? [
          {
            'responsible-parties': [{ 'role-id': 'approver', 'party-uuids': [partyUuid(ctx, signer)] }],
            parts: [
              {
                name: 'attestation',
                title: 'Sign-off',
                prose: `Signed off by ${signer}${m.signOff?.role ? ` (${m.signOff.role})` : ''}${m.signOff?.signedAt ? ` on ${instant(m.signOff.signedAt)}` : ''}.`,
              },
            ],
          },
        ]
      : undefined,
    'assessment-log': m.auditSummary.recent.length
      ? {
          entries: m.auditSummary.recent.map((e, i) =>
            compact({
              uuid: ctx.id('log', e.at, e.entity, e.entityId, e.action, String(i)),
              title: `${e.action} ${e.entity} ${e.entityId}`,
              description: e.summary,
              start: instant(e.at),
              'logged-by': line(e.actor) ? [{ 'party-uuid': partyUuid(ctx, line(e.actor) as string) }] : undefined,
            }),
          ),
        }
      : undefined,
    observations: m.evidence.map((e) => observation(ctx, e)),
    risks: remediationItems(m).map((c) => risk(ctx, c)),
    findings: m.controls.map((c) => finding(ctx, c)),
  });
  return {
    'assessment-results': {
      uuid: ctx.id('assessment-results', m.scope.describes, instant(m.generatedAt)),
      metadata: metadata(ctx, `Assessment results: ${m.project.name}`),
      'import-ap': {
        href: `#${planResource}`,
        remarks: 'There is no separate OSCAL assessment plan: the plan is the project scope recorded in Compliance Workbench.',
      },
      results: [result],
      'back-matter': {
        resources: [
          {
            uuid: planResource,
            title: 'Assessment plan (project scope)',
            description: `Frameworks: ${m.scope.frameworks.map((f) => frameworkWithVersion(m, f.id)).join('; ')}. Catalog version ${m.catalogVersion}.`,
          },
          ...m.evidence.map((e) => evidenceResource(ctx, e)),
        ],
      },
    },
  };
}

export function renderOscalPoam(input: ReportModel, opts: OscalOptions = {}): object {
  const m = checkReportModel(input);
  const ctx = context(m, opts);
  const items = remediationItems(m);
  if (items.length === 0) {
    throw new ReportError(
      'nothing_to_remediate',
      'There is nothing to put in a plan of action and milestones: no control is non-compliant or partial. OSCAL requires at least one item.',
    );
  }
  const evidenceIds = new Set(items.flatMap((c) => c.evidenceIds));
  const evidence = m.evidence.filter((e) => evidenceIds.has(e.id));
  return {
    'plan-of-action-and-milestones': compact({
      uuid: ctx.id('poam', m.scope.describes, instant(m.generatedAt)),
      metadata: metadata(ctx, `Plan of action and milestones: ${m.project.name}`),
      'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: ctx.id('system') },
      observations: evidence.map((e) => observation(ctx, e)),
      risks: items.map((c) => risk(ctx, c)),
      'poam-items': items.map((c) =>
        compact({
          uuid: ctx.id('poam-item', c.id),
          title: `${c.id}: ${c.title}`,
          description: `Bring ${c.id} from ${statusText(c.status).toLowerCase()} to compliant.${c.requirements.length ? ` Requirements affected: ${requirementsText(m, c)}.` : ''}`,
          props: [
            ...prop('control-id', c.id),
            ...prop('control-status', c.status),
            ...prop('priority', c.priority),
            ...prop('owner', c.owner),
            ...prop('due-date', c.dueDate ?? ''),
          ],
          'related-observations': c.evidenceIds.map((id) => ({ 'observation-uuid': ctx.id('observation', id) })),
          'related-risks': [{ 'risk-uuid': riskUuid(ctx, c) }],
          remarks: c.note.trim() === '' ? undefined : c.note,
        }),
      ),
      'back-matter': evidence.length ? { resources: evidence.map((e) => evidenceResource(ctx, e)) } : undefined,
    }),
  };
}
