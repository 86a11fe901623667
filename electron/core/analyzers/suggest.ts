// From findings to proposed control statuses. A proposal, never a decision: a person confirms it.
// Any high or critical finding → non_compliant; medium or low → partial; a document of a kind that
// evidences the control, with nothing above info on it → compliant, but only when the documents
// together answer the control's whole question (CONTROL_REQUIRES); otherwise a gap says what to export.
import type { AnalysisResult, DocumentKind, Finding, ScannerFinding, StatusSuggestion, SuggestedStatus } from '../../../shared/analysis';
import type { Severity } from '../../../shared/domain';
import { controlsForCheck } from './checks';
import { SEVERITY_RANK } from './controls';
import { CONTROL_REQUIRES, KIND_COMMANDS } from './registry';

type Basis = StatusSuggestion['basis'][number];
type Tally = { worst: number; basis: Basis[]; evidence: Basis[]; kinds: Set<string> };

class Ledger {
  private readonly controls = new Map<string, Tally>();

  private tally(controlId: string): Tally {
    let t = this.controls.get(controlId);
    if (!t) {
      t = { worst: -1, basis: [], evidence: [], kinds: new Set() };
      this.controls.set(controlId, t);
    }
    return t;
  }

  addFinding(f: Finding, file: string | null): void {
    if (f.severity === 'info') return;
    for (const c of f.controls) {
      const t = this.tally(c);
      t.worst = Math.max(t.worst, SEVERITY_RANK[f.severity]);
      t.basis.push({ ref: f.code, severity: f.severity, path: f.path, file });
    }
  }

  addScannerFinding(f: ScannerFinding, file: string | null): void {
    if (f.status === 'fail') {
      if (f.severity === 'info') return;
      // A failed check without a severity (Prowler's compliance CSV) counts as medium: it is a gap,
      // but nothing says how bad. One tied to a control only through a broad requirement shows a
      // gap somewhere in that requirement's area: at most partial for each of its controls.
      const stated = f.severity === null ? SEVERITY_RANK.medium : SEVERITY_RANK[f.severity];
      const rank = f.mappedBy === 'requirement' ? Math.min(stated, SEVERITY_RANK.medium) : stated;
      for (const c of f.controls) {
        const t = this.tally(c);
        t.worst = Math.max(t.worst, rank);
        t.basis.push({ ref: f.id, severity: f.severity, path: null, file });
      }
    } else if (f.status === 'pass') {
      // Only a check that tests the control itself vouches for it; a broad requirement does not.
      for (const c of controlsForCheck(f.checkId)) {
        const t = this.tally(c);
        t.evidence.push({ ref: f.id, severity: null, path: null, file });
        t.kinds.add(SCANNER_CHECK);
      }
    }
  }

  addEvidence(controlId: string, ref: string, file: string | null): void {
    const t = this.tally(controlId);
    t.evidence.push({ ref, severity: null, path: null, file });
    t.kinds.add(ref);
  }

  /** Kinds still needed before the control's whole question is answered (none for a scanner check that tests it). */
  private missing(controlId: string, t: Tally): DocumentKind[] {
    if (t.kinds.has(SCANNER_CHECK)) return [];
    return (CONTROL_REQUIRES[controlId] ?? []).filter((k) => !t.kinds.has(k));
  }

  suggestions(): StatusSuggestion[] {
    const out: StatusSuggestion[] = [];
    for (const [controlId, t] of [...this.controls].sort(([a], [b]) => a.localeCompare(b))) {
      if (t.worst >= SEVERITY_RANK.low) {
        const status: SuggestedStatus = t.worst >= SEVERITY_RANK.high ? 'non_compliant' : 'partial';
        const worstSeverity = (Object.keys(SEVERITY_RANK) as Severity[]).find((s) => SEVERITY_RANK[s] === t.worst) ?? null;
        const refs = [...new Set(t.basis.map((b) => b.ref))];
        out.push({
          controlId,
          status,
          worstSeverity,
          basis: t.basis,
          note: `${t.basis.length} finding${t.basis.length === 1 ? '' : 's'} (worst: ${worstSeverity}): ${refs.slice(0, 5).join(', ')}${refs.length > 5 ? ', …' : ''}. Review them and confirm the status.`,
        });
      } else if (t.evidence.length > 0 && this.missing(controlId, t).length === 0) {
        const checked = [...new Set(t.evidence.map((e) => (e.file ? `${e.ref} (${e.file})` : e.ref)))];
        out.push({
          controlId,
          status: 'compliant',
          worstSeverity: null,
          basis: t.evidence,
          note: `No finding above info in ${checked.slice(0, 4).join(', ')}${checked.length > 4 ? ', …' : ''}. This covers only the resources in the analysed documents: confirm nothing else in scope is left out.`,
        });
      }
    }
    return out;
  }

  /** Controls that would be suggested compliant but for a document not analysed yet. */
  gaps(): CoverageGap[] {
    const out: CoverageGap[] = [];
    for (const [controlId, t] of [...this.controls].sort(([a], [b]) => a.localeCompare(b))) {
      const missing = this.missing(controlId, t);
      if (t.worst < SEVERITY_RANK.low && t.evidence.length > 0 && missing.length > 0) {
        out.push({ controlId, missing, note: `Not suggested compliant yet: also export ${missing.map((k) => KIND_COMMANDS[k] ?? k).join(' and ')} and analyse it with the others.` });
      }
    }
    return out;
  }
}

/** A control the analysed documents do not answer on their own, and what else to export. */
export type CoverageGap = { controlId: string; missing: DocumentKind[]; note: string };

/** Evidence from a scanner check that tests the control itself: it answers the whole question. */
const SCANNER_CHECK = 'scanner-check';

/**
 * Statuses suggested by the findings of one document. `evidences` are the controls the document
 * demonstrates when clean (AnalyzedDocument.evidences); without them nothing is suggested compliant.
 */
export function suggestStatuses(findings: readonly Finding[], evidences: readonly string[] = []): StatusSuggestion[] {
  const ledger = new Ledger();
  for (const f of findings) ledger.addFinding(f, null);
  for (const c of evidences) ledger.addEvidence(c, 'document', null);
  return ledger.suggestions();
}

/** What else to export so that the controls the documents evidence can be answered whole. */
export function coverageGaps(results: readonly AnalysisResult[]): CoverageGap[] {
  return ledgerOf(results).gaps();
}

/** Statuses suggested by several analysed documents and scanner imports taken together. */
export function suggestStatusesForResults(results: readonly AnalysisResult[]): StatusSuggestion[] {
  return ledgerOf(results).suggestions();
}

function ledgerOf(results: readonly AnalysisResult[]): Ledger {
  const ledger = new Ledger();
  for (const r of results) {
    if (r.type === 'document') {
      for (const f of r.findings) ledger.addFinding(f, r.file);
      for (const c of r.evidences) ledger.addEvidence(c, r.kind, r.file);
    } else {
      for (const f of r.findings) ledger.addScannerFinding(f, r.file);
    }
  }
  return ledger;
}
