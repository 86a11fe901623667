// Automated evidence: a dropped AWS CLI export or scanner output is analysed, kept with its
// findings, and attached as evidence to the controls it bears on. Statuses are only suggested;
// a person confirms them through the ordinary control update.
import { randomBytes } from 'node:crypto';
import type { ReadContext } from '../store/access';
import type { CoreContext } from '../context';
import type { AnalysisResult, DocumentKind, StatusSuggestion } from '../../../shared/analysis';
import { AnalysisResult as AnalysisResultSchema } from '../../../shared/analysis';
import { analyzeAccount, analyzeDocument, analyzeDocumentStream, AnalyzerError, suggestStatusesForResults } from '../analyzers';
import { catalogIndex } from '../catalog/catalog-index';
import { addEvidence, guessMediaType } from '../evidence/evidence';
import { appendChange } from '../audit/changes';
import { inTransaction } from '../store/database';
import { WorkbenchError } from '../errors';
import { getProject } from '../projects/projects';

export type StoredAnalysis = { id: string; file: string; kind: DocumentKind; sha256: string; analyzedAt: string; analyzedBy: string; result: AnalysisResult };

/** Controls a result bears on: those its findings name, and those a clean document evidences. */
export function controlsOf(result: AnalysisResult): string[] {
  const ids = new Set<string>();
  for (const f of result.findings) for (const c of f.controls) ids.add(c);
  if (result.type === 'document') for (const c of result.evidences) ids.add(c);
  return [...ids].sort();
}

/** Pure analysis with the catalog's requirement mapping; unreadable input becomes DOCUMENT_INVALID. */
export function analyze(ctx: Pick<CoreContext, 'catalog' | 'now'>, file: string, content: Uint8Array, kind?: DocumentKind, requiredVpcIds?: readonly string[]): AnalysisResult {
  const index = catalogIndex(ctx.catalog);
  try {
    return analyzeDocument({
      file, content, kind, now: ctx.now(), requiredVpcIds,
      requirementControls: (framework, requirement) => index.controlsForRequirement(framework, requirement, { includeDescendants: true }).map((r) => r.control.id),
    });
  } catch (err) {
    if (err instanceof AnalyzerError) throw new WorkbenchError('DOCUMENT_INVALID', err.message, { analyzerCode: err.code });
    throw err;
  }
}

/**
 * Several documents of one account analysed together: what one states about the account reaches the
 * others (the VPCs of describe-vpcs are those describe-flow-logs must cover). An unreadable document
 * is reported in its place as DOCUMENT_INVALID; the others are still analysed.
 */
export function analyzeTogether(
  ctx: Pick<CoreContext, 'catalog' | 'now'>,
  documents: ReadonlyArray<{ file: string; content: Uint8Array }>,
  kind?: DocumentKind,
  requiredVpcIds?: readonly string[],
): Array<{ file: string; result?: AnalysisResult; error?: WorkbenchError }> {
  const requirementControls = requirementLookup(ctx);
  return analyzeAccount(documents.map((d) => ({ ...d, kind, now: ctx.now(), requiredVpcIds, requirementControls }))).map((o) =>
    o.result ? { file: o.file, result: o.result } : { file: o.file, error: new WorkbenchError('DOCUMENT_INVALID', o.error.message, { analyzerCode: o.error.code }) });
}

/** One document read as a stream of chunks (a large file's read stream), never whole in memory. */
export async function analyzeStream(
  ctx: Pick<CoreContext, 'catalog' | 'now'>,
  file: string,
  chunks: AsyncIterable<Uint8Array>,
  kind?: DocumentKind,
  requiredVpcIds?: readonly string[],
): Promise<AnalysisResult> {
  try {
    return await analyzeDocumentStream({ file, chunks, kind, now: ctx.now(), requiredVpcIds, requirementControls: requirementLookup(ctx) });
  } catch (err) {
    if (err instanceof AnalyzerError) throw new WorkbenchError('DOCUMENT_INVALID', err.message, { analyzerCode: err.code });
    throw err;
  }
}

function requirementLookup(ctx: Pick<CoreContext, 'catalog'>) {
  const index = catalogIndex(ctx.catalog);
  return (framework: Parameters<ReturnType<typeof catalogIndex>['controlsForRequirement']>[0], requirement: string) =>
    index.controlsForRequirement(framework, requirement, { includeDescendants: true }).map((r) => r.control.id);
}

export function analyzeForProject(
  ctx: CoreContext,
  projectId: string,
  input: { file: string; content: Uint8Array; kind?: DocumentKind; attach: boolean; requiredVpcIds?: readonly string[] },
): { analysis: StoredAnalysis | null; result: AnalysisResult; suggestions: StatusSuggestion[]; attachedTo: string[] } {
  const result = analyze(ctx, input.file, input.content, input.kind, input.requiredVpcIds);
  const suggestions = suggestStatusesForResults([result]);
  if (!input.attach) return { analysis: null, result, suggestions, attachedTo: [] };
  return inTransaction(ctx.db, () => ({ ...keepAnalysis(ctx, projectId, input, result), suggestions }));
}

/**
 * Several documents of one account analysed together (as analyzeTogether) and, with `attach`, kept
 * as evidence on the project in one transaction: all of them, or none when one cannot be read (a
 * bad input changes nothing; its error says which).
 */
export function analyzeTogetherForProject(
  ctx: CoreContext,
  projectId: string,
  documents: ReadonlyArray<{ file: string; content: Uint8Array }>,
  options: { kind?: DocumentKind; attach: boolean; requiredVpcIds?: readonly string[] },
): Array<{ file: string; result?: AnalysisResult; error?: WorkbenchError; attachedTo: string[] }> {
  getProject(ctx, projectId);
  const outcomes = analyzeTogether(ctx, documents, options.kind, options.requiredVpcIds);
  if (!options.attach || outcomes.some((o) => o.error)) return outcomes.map((o) => ({ ...o, attachedTo: [] }));
  return inTransaction(ctx.db, () => outcomes.map((o, i) =>
    o.result ? { ...o, attachedTo: keepAnalysis(ctx, projectId, documents[i]!, o.result).attachedTo } : { ...o, attachedTo: [] }));
}

/** Keeps an analysed document: as evidence on the project's controls it bears on, and as an analysis. Call inside a transaction. */
function keepAnalysis(
  ctx: CoreContext,
  projectId: string,
  input: { file: string; content: Uint8Array },
  result: AnalysisResult,
): { analysis: StoredAnalysis; result: AnalysisResult; attachedTo: string[] } {
  getProject(ctx, projectId);
  const inScope = new Set(
    ctx.db.prepare('SELECT control_id FROM control_assessments WHERE project_id = ? AND archived_at IS NULL').pluck().all(projectId) as string[],
  );
  const attachedTo = controlsOf(result).filter((id) => inScope.has(id));
  for (const controlId of attachedTo) {
    addEvidence(ctx, projectId, controlId, { kind: 'file', name: input.file.split(/[\\/]/).pop() || input.file, content: Buffer.from(input.content), mediaType: guessMediaType(input.file) }, { source: `analyzer:${result.kind}` });
  }
  // the document itself is kept even when no control of this project is in scope for it
  ctx.db.prepare('INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?, ?, ?)').run(result.sha256, input.content.byteLength, Buffer.from(input.content));
  const id = `an-${randomBytes(8).toString('hex')}`;
  const at = ctx.now().toISOString();
  const actor = ctx.actor();
  ctx.db
    .prepare('INSERT INTO analyses (id, project_id, file, kind, sha256, result_json, analyzed_at, analyzed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, projectId, result.file, result.kind, result.sha256, JSON.stringify(result), at, actor);
  appendChange(ctx, {
    projectId, at, entity: 'analysis', entityId: id, action: 'analysis.add', before: null,
    after: { file: result.file, kind: result.kind, sha256: result.sha256, findings: result.findings.length, attachedTo },
  });
  return { analysis: { id, file: result.file, kind: result.kind, sha256: result.sha256, analyzedAt: at, analyzedBy: actor, result }, result, attachedTo };
}

export function listAnalyses(ctx: ReadContext, projectId: string): StoredAnalysis[] {
  getProject(ctx, projectId);
  const rows = ctx.db
    .prepare('SELECT id, file, kind, sha256, result_json, analyzed_at, analyzed_by FROM analyses WHERE project_id = ? ORDER BY analyzed_at DESC, rowid DESC')
    .all(projectId) as Array<{ id: string; file: string; kind: DocumentKind; sha256: string; result_json: string; analyzed_at: string; analyzed_by: string }>;
  return rows.map((r) => ({
    id: r.id, file: r.file, kind: r.kind, sha256: r.sha256, analyzedAt: r.analyzed_at, analyzedBy: r.analyzed_by,
    result: AnalysisResultSchema.parse(JSON.parse(r.result_json)),
  }));
}

/** The bytes of an analysed document, as it was dropped. */
export function analysisDocument(ctx: CoreContext, projectId: string, analysisId: string): { file: string; content: Buffer } {
  const row = ctx.db
    .prepare('SELECT a.file, b.content FROM analyses a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.project_id = ? AND a.id = ?')
    .get(projectId, analysisId) as { file: string; content: Buffer } | undefined;
  if (!row) throw new WorkbenchError('NOT_FOUND', `No analysed document with id "${analysisId}" in this project.`);
  return { file: row.file, content: row.content };
}
