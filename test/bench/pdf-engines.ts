// #17 asks to measure pdfmake against laying out with pdfkit directly. This lays out the report's
// largest section, the evidence index, both ways from the same model: through pdfmake (the table
// as pdf-document.ts builds it, in the report's page frame) and with pdfkit's own calls (the same
// fonts, column widths, sizes, colours, zebra rows, rules, a header repeated on each page, rows
// never split). The pdfkit side is a probe for the measurement, not a renderer the app uses:
// it measures each row with heightOfString and draws each cell with text(), as a hand-written
// layout would. Run alone: npx tsx test/bench/pdf-engines.ts [rows]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import type { ReportModel } from '../../shared/report-model';
import { renderPdfDefinition } from '../../electron/core/reports/pdf';
import { reportDocument } from '../../electron/core/reports/pdf-document';
import { BRAND, INK, MUTED, RULE, STATUS_STYLE, ZEBRA, pdfText, table, wrapping } from '../../electron/core/reports/pdf-blocks';
import { byteSize } from '../../electron/core/reports/format';
import { checkReportModel } from '../../electron/core/reports/model';
import { largeModel } from '../fixtures/report-model';

const require = createRequire(import.meta.url);
const WIDTHS = [28, 38, '*', 28, 42, 268, 50, 58, 70] as const;
const HEAD = ['Ref', 'Control', 'Name', 'Kind', 'Size', 'SHA-256', 'Collected', 'Expires', 'Attached by'];

async function viaPdfmake(m: ReportModel, refs: Map<string, string>): Promise<{ ms: number; bytes: number }> {
  const rows = m.evidence.map((e) => [
    refs.get(e.id) ?? '', pdfText(e.controlId), wrapping(e.kind === 'link' && e.url ? `${e.name}\n${e.url}` : e.name), e.kind,
    e.kind === 'file' ? byteSize(e.size) : '', { text: e.sha256, font: 'DejaVuMono', fontSize: 6.5 }, e.collectedOn,
    e.expiresOn === null ? { text: 'Never', color: MUTED } : e.expired ? { text: `${e.expiresOn} expired`, color: STATUS_STYLE.non_compliant.ink, bold: true } : e.expiresOn,
    wrapping(e.attachedBy),
  ]);
  const doc = reportDocument(m, 'Evidence index', [{ text: 'Evidence index', pageOrientation: 'landscape' }, table([...WIDTHS], HEAD, rows, { fontSize: 7 })]);
  const t = performance.now();
  const bytes = (await renderPdfDefinition(doc)).length;
  return { ms: performance.now() - t, bytes };
}

async function viaPdfkit(m: ReportModel, refs: Map<string, string>): Promise<{ ms: number; bytes: number; pages: number }> {
  const t = performance.now();
  const font = (f: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { left: 50, top: 56, right: 50, bottom: 52 }, autoFirstPage: false, info: { CreationDate: new Date(m.generatedAt) } });
  doc.registerFont('DejaVu', font('DejaVuSans.ttf'));
  doc.registerFont('DejaVu-Bold', font('DejaVuSans-Bold.ttf'));
  doc.registerFont('DejaVuMono', font('DejaVuSansMono.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((ok) => doc.on('end', () => ok()));
  const [pageWidth, pageHeight, left, top, bottom, pad, padV] = [841.89, 595.28, 50, 56, 52, 4, 3];
  const inner = pageWidth - 2 * left;
  const fixed = WIDTHS.reduce<number>((s, w) => s + (typeof w === 'number' ? w : 0), 0);
  const widths = WIDTHS.map((w) => (typeof w === 'number' ? w : inner - fixed - 2 * pad * WIDTHS.length));
  type Cell = { text: string; font: string; size: number; color: string };
  let y = 0;
  let pages = 0;
  const row = (cells: Cell[], fill: string | null, header = false): void => {
    let height = 0;
    cells.forEach((c, i) => {
      height = Math.max(height, doc.font(c.font).fontSize(c.size).heightOfString(c.text, { width: widths[i]! }));
    });
    height += 2 * padV;
    if (!header && y + height > pageHeight - bottom) newPage();
    if (fill) doc.rect(left, y, inner, height).fill(fill);
    let x = left;
    cells.forEach((c, i) => {
      doc.font(c.font).fontSize(c.size).fillColor(c.color).text(c.text, x + pad, y + padV, { width: widths[i]! });
      x += widths[i]! + 2 * pad;
    });
    doc.moveTo(left, y + height).lineTo(left + inner, y + height).lineWidth(0.4).strokeColor(RULE).stroke();
    y += height;
  };
  const newPage = (): void => {
    doc.addPage();
    pages++;
    doc.font('DejaVu').fontSize(7.5).fillColor(MUTED).text(`Evidence index — ${m.project.name}`, left, 22, { lineBreak: false });
    doc.text(`Page ${pages}`, left, pageHeight - 34, { lineBreak: false });
    y = top;
    row(HEAD.map((h) => ({ text: h, font: 'DejaVu-Bold', size: 7.5, color: '#FFFFFF' })), BRAND, true);
  };
  newPage();
  m.evidence.forEach((e, k) => {
    const cell = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, font: 'DejaVu', size: 7, color: INK, ...extra });
    row([
      cell(refs.get(e.id) ?? ''), cell(pdfText(e.controlId)), cell(pdfText(e.name)), cell(e.kind), cell(e.kind === 'file' ? byteSize(e.size) : ''),
      cell(e.sha256, { font: 'DejaVuMono', size: 6.5 }), cell(e.collectedOn),
      e.expiresOn === null ? cell('Never', { color: MUTED }) : e.expired ? cell(`${e.expiresOn} expired`, { color: STATUS_STYLE.non_compliant.ink, font: 'DejaVu-Bold' }) : cell(e.expiresOn),
      cell(pdfText(e.attachedBy)),
    ], k % 2 === 1 ? ZEBRA : null);
  });
  doc.end();
  await ended;
  return { ms: performance.now() - t, bytes: Buffer.concat(chunks).length, pages };
}

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

export async function run(rows = 2000): Promise<Result[]> {
  const m = checkReportModel(largeModel(500, rows));
  const refs = new Map(m.evidence.map((e, i) => [e.id, `E${i + 1}`]));
  const warm = checkReportModel(largeModel(10, 40));
  await viaPdfkit(warm, refs);
  await viaPdfmake(warm, refs);
  const kit = await viaPdfkit(m, refs);
  const make = await viaPdfmake(m, refs);
  return [{
    name: `PDF evidence index of ${rows.toLocaleString('en')} rows laid out with pdfkit directly (probe)`,
    value: Math.round(kit.ms),
    unit: 'ms',
    baseline: { name: 'the same table through pdfmake, same run', value: Math.round(make.ms) },
    note: `${kit.pages} pages; pdfkit ${Math.round(kit.bytes / 1024)} KiB, pdfmake ${Math.round(make.bytes / 1024)} KiB; one run each (wall)`,
  }];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run(Number(process.argv[2] ?? 2000))) console.log(`${r.name}: ${r.value} ${r.unit} against ${r.baseline?.value} ${r.unit} (${r.baseline?.name}); ${r.note}`);
}
