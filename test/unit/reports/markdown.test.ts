import { describe, expect, it } from 'vitest';
import { markdownChunks, markdownLines, renderMarkdown } from '../../../electron/core/reports/markdown';
import type { ReportModel } from '../../../shared/report-model';
import { HOSTILE, NAMES, hostileModel, largeModel } from '../../fixtures/report-model';
import { tableCells, unescapedChars } from './helpers';

/** The same project with every piece of user text replaced by a harmless word. */
function blandCopy(m: ReportModel): ReportModel {
  const w = (s: string): string => (s === '' ? '' : 'word');
  return {
    ...m,
    generatedBy: 'word',
    project: { ...m.project, name: 'word', description: w(m.project.description) },
    summary: { ...m.summary, topGaps: m.summary.topGaps.map((g) => ({ ...g, title: 'word' })) },
    requirementsByFramework: m.requirementsByFramework.map((f) => ({
      ...f,
      requirements: f.requirements.map((r) => ({ ...r, title: w(r.title), controls: r.controls.map((c) => ({ ...c, title: 'word' })) })),
    })),
    controls: m.controls.map((c) => ({ ...c, title: 'word', owner: w(c.owner), note: w(c.note) })),
    evidence: m.evidence.map((e) => ({ ...e, name: 'word', attachedBy: 'word', url: e.url === null ? null : 'word' })),
    auditSummary: {
      ...m.auditSummary,
      byActor: m.auditSummary.byActor.map((a, i) => ({ ...a, actor: `word${i}` })),
      recent: m.auditSummary.recent.map((r) => ({ ...r, actor: 'word', summary: 'word' })),
    },
  };
}

/** What kind of block each line is, as far as structure goes. */
function shape(md: string): string[] {
  return md.split('\n').map((line) => {
    if (line.startsWith('|')) return `table:${tableCells(line)}`;
    const h = /^(#{1,6}) /.exec(line);
    if (h) return `h${h[1]?.length}`;
    return line === '' ? 'blank' : 'text';
  });
}

describe('renderMarkdown', () => {
  const model = hostileModel({ signOff: { signedBy: `${NAMES.aero} ${HOSTILE.link}`, role: HOSTILE.img, signedAt: '2025-03-02T10:00:00Z' } });
  const md = renderMarkdown(model);

  it('has every section, in order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Executive summary',
      '## Requirements by framework',
      '## Remediation plan',
      '## Controls',
      '## Evidence index',
      '## Audit trail',
      '## Sign-off',
    ]);
    expect(md.startsWith('# Compliance evidence report: Fraud model — Łódź\n')).toBe(true);
  });

  it('user text cannot change the document structure', () => {
    const hostile = shape(md);
    const bland = shape(renderMarkdown(blandCopy(model)));
    expect(hostile).toEqual(bland);
  });

  it('every table row has the column count of its header', () => {
    let expected = -1;
    let rows = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        expected = -1;
        continue;
      }
      if (expected === -1) expected = tableCells(line);
      expect(tableCells(line), line).toBe(expected);
      rows++;
    }
    expect(rows).toBeGreaterThan(40);
  });

  it('no raw HTML, link, image, autolink or entity survives', () => {
    const body = md.split('\n').filter((l) => !l.startsWith('Contents: ')); // our own anchor links
    for (const line of body) {
      const raw = unescapedChars(line).join('');
      expect(raw, line).not.toMatch(/[<>[\]]/);
      expect(line).not.toMatch(/(^|[^\\])(https?|ftp):\/\//);
      expect(line).not.toMatch(/(^|[^\\])www\.[a-z]/i);
      expect(line).not.toMatch(/(^|[^\\])&(#?[a-z0-9]+);/i);
      expect(line).not.toMatch(/(^|[^\\])@/);
    }
  });

  it('keeps the hostile text readable and the names intact', () => {
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).toContain('KMS keys Split \\| the \\| table');
    expect(md).toContain('first line second \\| line \\# not a heading - not a list \\> not a quote');
    for (const n of Object.values(NAMES)) expect(md).toContain(n);
  });

  it('lists the remediation plan most urgent first with owner, due date and note', () => {
    const start = md.indexOf('## Remediation plan');
    const plan = md.slice(start, md.indexOf('## Controls')).split('\n').filter((l) => l.startsWith('| DS-'));
    expect(plan).toHaveLength(2);
    expect(plan[0]).toMatch(/^\| DS-01 \| .* \| Non-compliant \| Critical \| Müller \| 2025-04-30 \| first line/);
    expect(plan[1]).toMatch(/^\| DS-02 \| .* \| Partial \| High \| Ærø .* \| No date \| /);
  });

  it('indexes evidence with full SHA-256 and expiry', () => {
    const e2 = model.evidence.find((e) => e.id === 'ev-0002');
    expect(md).toContain(`| E2 | DS-01 | policy Split \\| the \\| table.json | file | 1.2 KiB | \`${e2?.sha256}\` | 2025-02-01 | 2025-01-01 (expired) | Søren Ærø |`);
  });

  it('shows the sign-off and what state the report describes', () => {
    expect(md).toContain('| Date | 2025-03-02 10:00 UTC |');
    expect(md).toContain('| State described | The current working state as of 2025-03-01 14:05 UTC (not a signed baseline) |');
    const baseline = renderMarkdown(
      hostileModel({ scope: { ...model.scope, describes: 'signed_baseline', baseline: { signedBy: NAMES.muller, signedAt: '2025-02-20T08:30:00Z' } } }),
    );
    expect(baseline).toContain('| State described | The signed baseline, signed by Müller on 2025-02-20 08:30 UTC |');
  });

  it('is the same text every time, whatever order the lists arrive in', () => {
    const shuffled: ReportModel = {
      ...model,
      controls: [...model.controls].reverse(),
      evidence: [...model.evidence].reverse(),
      requirementsByFramework: [...model.requirementsByFramework].reverse(),
    };
    expect(renderMarkdown(shuffled)).toBe(md);
    expect(renderMarkdown(model)).toBe(md);
  });
});

describe('the Markdown report in pieces (how a file is written)', () => {
  it('joins to exactly its lines, one newline between each, across the pieces', () => {
    const model = largeModel(2000, 8000); // some 16,000 lines: four pieces
    const pieces = [...markdownChunks(model)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(markdownLines(model).join('\n'));
    expect(renderMarkdown(model)).toBe(pieces.join(''));
  });
});
