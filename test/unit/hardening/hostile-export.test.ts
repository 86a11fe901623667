// User text with HTML, Markdown, CSV-formula and PDF-operator content, typed into a real project
// (name, description, owner, notes, evidence, the person's own name) and exported through the
// same exportProject the app and cwb use: in every format it stays text. The renderers' own tests
// (test/unit/reports) check the same on hand-made models; this one goes through the database.
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportProject } from '../../../electron/core/exports/export';
import { createProject, updateProject } from '../../../electron/core/projects/projects';
import { updateControl } from '../../../electron/core/assessments/update';
import { addEvidence } from '../../../electron/core/evidence/evidence';
import { escapeMarkdown } from '../../../electron/core/reports/escape-markdown';
import { defuseFormula } from '../../../electron/core/reports/csv';
import { testWorkbench } from '../../helpers/workbench';
import { pdfToText, tableCells, unescapedChars } from '../reports/helpers';

const ACTOR = 'Müller <b>bold</b> & "Ærø"';
const HOSTILE = {
  name: 'Fraud <script>alert(1)</script> # Łódź',
  description: '**bold** [click](javascript:alert(1)) ![x](http://evil.example/p.png) <!-- c -->',
  owner: '=HYPERLINK("http://evil.example","click")',
  note: [
    'first line',
    '# not a heading',
    '| not | a | row |',
    '<img src=x onerror=alert(1)>',
    ') Tj ET BT /F1 99 Tf (injected) Tj',
    '%%EOF',
    'back\\slash ( open paren',
    '@SUM(1+1)',
  ].join('\n'),
  evidenceName: '"quoted", comma; =1+1 <svg onload=alert(1)>.txt',
  noteEvidence: '<iframe src="//evil.example"></iframe> [x]: http://evil.example',
  link: 'https://example.com/?q=%3Cscript%3E&x=1',
} as const;

const noSpace = (s: string) => s.replace(/\s+/g, '');

async function hostileProject(hostile: boolean) {
  const wb = await testWorkbench({ actor: hostile ? ACTOR : 'Ada Tester' });
  const t = (s: string) => (hostile ? s : s.replace(/[^A-Za-z0-9 ]+/g, '').slice(0, 20) || 'word');
  const p = createProject(wb.ctx, { name: t(HOSTILE.name), frameworks: ['hipaa', 'gdpr', 'pci'] });
  updateProject(wb.ctx, { id: p.id, description: t(HOSTILE.description) });
  updateControl(wb.ctx, p.id, 'DS-01', { status: 'partial', owner: t(HOSTILE.owner), note: hostile ? HOSTILE.note : 'first line second line' });
  updateControl(wb.ctx, p.id, 'AC-01', { status: 'non_compliant', owner: t(HOSTILE.owner), note: t(HOSTILE.note), dueDate: '2027-01-31' });
  addEvidence(wb.ctx, p.id, 'DS-01', { kind: 'file', name: t(HOSTILE.evidenceName), content: Buffer.from('key policy\n') });
  addEvidence(wb.ctx, p.id, 'DS-01', { kind: 'note', text: t(HOSTILE.noteEvidence) });
  addEvidence(wb.ctx, p.id, 'AC-01', { kind: 'link', url: HOSTILE.link, name: t(HOSTILE.name) });
  return { wb, projectId: p.id };
}

async function exported(hostile: boolean) {
  const { wb, projectId } = await hostileProject(hostile);
  const formats = ['md', 'pdf', 'oscal', 'poam', 'csv'] as const;
  const out = {} as Record<(typeof formats)[number], Buffer>;
  for (const f of formats) out[f] = (await exportProject(wb.ctx, projectId, f)).bytes;
  return out;
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, into));
  return into;
}

describe('hostile user text through exportProject', async () => {
  const hostile = await exported(true);
  const bland = await exported(false);

  it('Markdown: escaped everywhere, and the document has the same structure as a bland project', () => {
    const md = hostile.md.toString('utf8');
    const shape = (text: string) => text.split('\n').map((l) => (l.startsWith('|') ? `table:${tableCells(l)}` : /^#{1,6} /.test(l) ? l.split(' ')[0] : l === '' ? '' : 'text'));
    expect(shape(md)).toEqual(shape(bland.md.toString('utf8')));
    for (const line of md.split('\n').filter((l) => !l.startsWith('Contents: '))) {
      expect(unescapedChars(line).join(''), line).not.toMatch(/[<>[\]]/);
      // a link needs an unescaped [ or an autolink's scheme://; "javascript:" alone is plain text
      expect(line, line).not.toMatch(/(^|[^\\])(https?|ftp):\/\//);
    }
    for (const text of [HOSTILE.name, HOSTILE.owner, HOSTILE.note, HOSTILE.noteEvidence, ACTOR]) {
      expect(md, text).toContain(escapeMarkdown(text));
    }
  });

  it('PDF: the text comes out as typed (pdftotext), and no action or script object was created', () => {
    const text = noSpace(pdfToText(hostile.pdf));
    for (const piece of ['<script>alert(1)</script>', 'Łódź', '<img src=x onerror=alert(1)>', ') Tj ET BT /F1 99 Tf (injected) Tj', '%%EOF', 'back\\slash ( open paren', '=HYPERLINK("http://evil.example","click")', 'Müller']) {
      expect(text, piece).toContain(noSpace(piece));
    }
    const raw = hostile.pdf.toString('latin1');
    for (const action of ['/JavaScript', '/JS ', '/Launch', '/SubmitForm', '/OpenAction']) expect(raw).not.toContain(action);
    // one %%EOF: the user's is text inside a content stream, not the end of the file
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(raw.match(/%%EOF/g)?.length).toBe(bland.pdf.toString('latin1').match(/%%EOF/g)?.length);
  });

  it('OSCAL and POA&M: valid JSON that carries the user text as exact string values', () => {
    for (const doc of [hostile.oscal, hostile.poam]) {
      const values = strings(JSON.parse(doc.toString('utf8')));
      expect(values).toContain(HOSTILE.note);
      expect(values.some((v) => v.includes(HOSTILE.name))).toBe(true);
    }
    const oscal = strings(JSON.parse(hostile.oscal.toString('utf8')));
    expect(oscal.some((v) => v.includes(HOSTILE.owner))).toBe(true);
  });

  it('CSV: one record per control, cells round-trip exactly, formulas defused', () => {
    const rows = parseCsv(hostile.csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    const blandRows = parseCsv(bland.csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.id)).toEqual(blandRows.map((r) => r.id));
    const ds = rows.find((r) => r.id === 'DS-01');
    expect(ds?.note).toBe(defuseFormula(HOSTILE.note));
    expect(ds?.owner).toBe(`'${HOSTILE.owner}`);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
