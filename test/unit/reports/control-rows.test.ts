// The control table carries the team's note, owner and evidence for every assessed control, and
// folds runs of untouched not-assessed controls into one line that still names them all.
import { describe, expect, it } from 'vitest';
import { controlTableRows, runText } from '../../../electron/core/reports/control-rows';
import { renderMarkdown } from '../../../electron/core/reports/markdown';
import { renderPdf } from '../../../electron/core/reports/pdf';
import type { ReportControl, ReportModel } from '../../../shared/report-model';
import { hostileModel } from '../../fixtures/report-model';
import { pdfToText } from './helpers';

const blank = (c: ReportControl, id: string): ReportControl =>
  ({ ...c, id, status: 'not_assessed', owner: '', note: '', dueDate: null, evidenceIds: [] });

function modelWithRun(): ReportModel {
  const m = hostileModel();
  const first = m.controls[0]!;
  const evidenceId = m.evidence[0]!.id;
  const assessed: ReportControl = { ...first, id: 'DS-1', status: 'non_compliant', owner: 'Priya Shah', note: 'Bucket ml-train-raw still uses SSE-S3', evidenceIds: [evidenceId] };
  const evidence = m.evidence.map((e, i) => (i === 0 ? { ...e, controlId: 'DS-1' } : e)).slice(0, 1);
  return { ...m, evidence, controls: [assessed, blank(first, 'DS-2'), blank(first, 'DS-3'), blank(first, 'DS-4'), { ...blank(first, 'DS-5'), note: 'asked the platform team' }, blank(first, 'DS-6')] };
}

describe('control table rows', () => {
  it('folds three or more untouched not-assessed controls, keeps shorter runs and anything with a note', () => {
    const rows = controlTableRows(modelWithRun());
    expect(rows.map((r) => (r.kind === 'control' ? r.control.id : `run:${r.ids.join('+')}`))).toEqual(['DS-1', 'run:DS-2+DS-3+DS-4', 'DS-5', 'DS-6']);
    expect(runText(['DS-2', 'DS-3', 'DS-4'])).toBe('3 controls not assessed yet: DS-2, DS-3, DS-4');
  });

  it('Markdown: the note, owner and evidence reference sit in the control\'s row', () => {
    const md = renderMarkdown(modelWithRun());
    const controls = md.slice(md.indexOf('## Controls'), md.indexOf('## Evidence index'));
    expect(controls).toContain('| Control | Title | Domain | Priority | Status | Owner | Due | Evidence | Note | Requirements |');
    const row = controls.split('\n').find((l) => l.startsWith('| DS-1 '));
    expect(row).toBeDefined();
    expect(row).toContain('Priya Shah');
    expect(row).toContain('E1');
    expect(row).toContain('| E1 | Bucket ml-train-raw still uses SSE-S3 |');
    expect(controls).toContain('3 controls not assessed yet: DS-2, DS-3, DS-4');
  });

  it('PDF: the note is printed in the control table', async () => {
    const pdf = await renderPdf(modelWithRun());
    const text = pdfToText(pdf).replace(/\s+/g, ' ');
    const controls = text.slice(text.lastIndexOf('Controls'));
    expect(controls).toContain('Bucket ml-train-raw still uses SSE-S3');
    expect(controls).toContain('3 controls not assessed yet: DS-2, DS-3, DS-4');
  });
});

describe('report wording', () => {
  it('the audit trail reads as sentences, not field dumps', async () => {
    const { changeText, actionText } = await import('../../../electron/core/reports/audit-wording');
    expect(actionText('control.update')).toBe('Control updated');
    expect(actionText('something_new.happened')).toBe('Something new happened');
    expect(changeText({ action: 'control.update', before: { status: 'not_assessed', owner: '' }, after: { status: 'non_compliant', owner: 'Priya' } }))
      .toBe('Status: Not assessed → Non-compliant; Owner: none → Priya');
    expect(changeText({ action: 'session.end', before: { endedAt: null }, after: { endedAt: '2026-12-02T08:22:59.640Z', minutesSha256: 'a'.repeat(64) } }))
      .toBe('Ended: none → 2026-12-02 08:22 UTC; Minutes SHA-256: none → aaaaaaaaaaaaaaaa…');
    expect(changeText({ action: 'control.update', before: {}, after: { note: 'x'.repeat(5000) } })).toHaveLength('Note: none → '.length + 80);
  });

  it('a framework\'s version is not printed twice', () => {
    const m = hostileModel();
    const pci = { id: 'pci' as const, name: 'PCI DSS v4.0.1', version: 'v4.0.1 (June 2024)' };
    const md = renderMarkdown({ ...m, scope: { ...m.scope, frameworks: [...m.scope.frameworks.filter((f) => f.id !== 'pci'), pci] } });
    expect(md).toContain('PCI DSS v4.0.1 (June 2024)');
    expect(md).not.toContain('v4.0.1 (v4.0.1');
  });
});
