// Building blocks of the PDF report: colours, table layout, status cells, headings and the
// readiness bar, so pdf-document.ts reads as the report's outline.
import type { ControlStatus, Readiness } from '../../../shared/domain';
import { STATUS_SYMBOL, percentText, statusText } from './format';
import { visibleText } from './visible-text';

export type Node = Record<string, unknown>;
export type Cell = Node | string;

export const INK = '#1B2430';
export const MUTED = '#5B6472';
export const BRAND = '#1F3A5F';
export const RULE = '#D0D5DD';
export const ZEBRA = '#F5F7FA';

export const STATUS_STYLE: Record<ControlStatus, { fill: string; ink: string }> = {
  compliant: { fill: '#DCF0E2', ink: '#17602E' },
  partial: { fill: '#FFF0C7', ink: '#6E4A00' },
  non_compliant: { fill: '#F8D7D7', ink: '#8F1717' },
  not_assessed: { fill: '#E8EBEF', ink: '#3D4655' },
  not_applicable: { fill: '#F2F2F2', ink: '#626B78' },
};

/**
 * Text as the user typed it, minus what a PDF cannot show honestly: control characters are
 * dropped and bidirectional overrides shown as [U+202E] (they could reorder the stored text).
 */
export function pdfText(s: string): string {
  return (
    visibleText(s)
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
  );
}

/** Long unbroken tokens (URLs, file names) may break anywhere rather than overflow the cell. */
export function wrapping(s: string): Cell {
  const t = pdfText(s);
  return /\S{36,}/.test(t) ? { text: t, wordBreak: 'break-all' } : t;
}

export const TABLE_LAYOUT = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }): number =>
    i === 0 || i === node.table.body.length ? 0.8 : 0.4,
  vLineWidth: (): number => 0,
  hLineColor: (): string => RULE,
  paddingLeft: (): number => 4,
  paddingRight: (): number => 4,
  paddingTop: (): number => 3,
  paddingBottom: (): number => 3,
  fillColor: (row: number): string | null => (row === 0 ? BRAND : row % 2 === 0 ? ZEBRA : null),
};

/** A table whose header row repeats on every page it runs over. */
export function table(widths: Array<number | string>, head: string[], rows: Cell[][], extra: Node & { rightAlignHeadFrom?: number } = {}): Node {
  const { rightAlignHeadFrom, ...rest } = extra;
  return {
    table: {
      headerRows: 1,
      // a header never stands alone at the foot of a page
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths,
      body: [
        head.map((h, i) => ({ text: h, style: 'th', ...(rightAlignHeadFrom !== undefined && i >= rightAlignHeadFrom ? { alignment: 'right' } : {}) })),
        ...rows,
      ],
    },
    layout: TABLE_LAYOUT,
    margin: [0, 2, 0, 10],
    ...rest,
  };
}

export function statusCell(s: ControlStatus): Cell {
  const st = STATUS_STYLE[s];
  return { text: `${STATUS_SYMBOL[s]} ${statusText(s)}`, color: st.ink, fillColor: st.fill, bold: s === 'non_compliant', noWrap: true };
}

export function h1(text: string, extra: Node = {}): Node {
  return { text, style: 'h1', tocItem: true, ...extra };
}

export function h2(text: string, toc = false): Node {
  return { text: pdfText(text), style: 'h2', ...(toc ? { tocItem: true, tocMargin: [12, 0, 0, 0] } : {}) };
}

export function para(text: string | Cell[], extra: Node = {}): Node {
  return { text, margin: [0, 0, 0, 6], ...extra };
}

export const BAR_WIDTH = 230;

export function readinessBar(r: Readiness): Node {
  const filled = r.percent === null ? 0 : Math.max(0, Math.min(1, r.percent / 100)) * BAR_WIDTH;
  return {
    canvas: [
      { type: 'rect', x: 0, y: 1, w: BAR_WIDTH, h: 10, r: 2, color: '#E3E7ED' },
      ...(filled > 0 ? [{ type: 'rect', x: 0, y: 1, w: filled, h: 10, r: 2, color: '#2F7D5B' }] : []),
    ],
  };
}

export function readinessChart(rows: Array<{ label: string; readiness: Readiness }>): Node {
  return {
    table: {
      widths: [130, BAR_WIDTH, 45, 60],
      body: rows.map((x) => [
        { text: pdfText(x.label) },
        readinessBar(x.readiness),
        { text: percentText(x.readiness), bold: true, alignment: 'right' },
        { text: `${x.readiness.inScope} in scope`, color: MUTED, fontSize: 7.5, noWrap: true },
      ]),
    },
    layout: 'noBorders',
    margin: [0, 2, 0, 10],
  };
}
