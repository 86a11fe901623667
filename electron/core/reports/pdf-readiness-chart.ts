// "Readiness over time" in the PDF: one line per framework (told apart by dash as well as colour,
// so it reads in grey), a dashed vertical rule at every sign-off, and the same numbers as a table
// at the first day, each sign-off and the last day, so nothing is only in the picture.
import type { FrameworkId } from '../../../shared/domain';
import type { ReadinessHistory, ReportModel } from '../../../shared/report-model';
import { readinessText } from '../../../shared/gaps';
import { frameworkText } from './format';
import { MUTED, RULE, para, pdfText, table, type Cell, type Node } from './pdf-blocks';

const WIDTH = 440;
const HEIGHT = 120;
type LineStyle = { color: string; dash?: { length: number; space: number } };
const LINE_STYLES: Record<FrameworkId, LineStyle> = {
  hipaa: { color: '#1F3A5F' },
  gdpr: { color: '#2F7D5B', dash: { length: 5, space: 3 } },
  pci: { color: '#8F4A17', dash: { length: 1.5, space: 2 } },
};

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;


/** The built-in frameworks' lines; an imported framework draws in a plain dark line. */
function lineStyle(framework: string): LineStyle {
  return (LINE_STYLES as Record<string, LineStyle | undefined>)[framework] ?? { color: '#333333' };
}

export function readinessOverTime(m: ReportModel, h: ReadinessHistory): Node[] {
  if (h.points.length === 0) return [para('No control has been answered yet, so there is no progress to show.', { color: MUTED })];
  const first = dayNumber(h.points[0]!.day);
  const lastDay = [h.points[h.points.length - 1]!.day, ...h.signOffs.map((s) => s.day)].sort().at(-1)!;
  const span = Math.max(1, dayNumber(lastDay) - first);
  const x = (day: string): number => ((dayNumber(day) - first) / span) * WIDTH;
  const y = (percent: number): number => HEIGHT - (percent / 100) * HEIGHT;
  const frameworks = m.scope.frameworks.map((f) => f.id);

  const grid = [0, 50, 100].map((p) => ({ type: 'line', x1: 0, y1: y(p), x2: WIDTH, y2: y(p), lineWidth: 0.4, lineColor: RULE }));
  const signOffRules = h.signOffs.map((s) => ({ type: 'line', x1: x(s.day), y1: 0, x2: x(s.day), y2: HEIGHT, lineWidth: 0.8, lineColor: MUTED, dash: { length: 3, space: 2 } }));
  const lines = frameworks.flatMap((f) => {
    const pts = h.points.flatMap((p) => {
      const v = p.byFramework.find((b) => b.framework === f)?.percent;
      return v === null || v === undefined ? [] : [{ x: x(p.day), y: y(v) }];
    });
    if (pts.length === 0) return [];
    const style = lineStyle(f);
    // one point (a single day of work) still shows, as a short tick
    const drawn = pts.length === 1 ? [pts[0]!, { x: pts[0]!.x + 4, y: pts[0]!.y }] : pts;
    return [{ type: 'polyline', points: drawn, lineWidth: 1.6, lineColor: style.color, ...(style.dash ? { dash: style.dash } : {}) }];
  });

  const legend: Cell[] = frameworks.map((f) => ({
    text: [{ text: lineStyle(f).dash ? (lineStyle(f).dash!.length > 2 ? '– – ' : '· · · ') : '—— ', color: lineStyle(f).color, bold: true }, pdfText(frameworkText(m, f))],
    fontSize: 8,
  }));

  const shownDays = [...new Set([h.points[0]!.day, ...h.signOffs.map((s) => s.day), h.points[h.points.length - 1]!.day])].sort();
  const at = (day: string): ReadinessHistory['points'][number] | undefined => [...h.points].reverse().find((p) => p.day <= day);
  const rows: Cell[][] = shownDays.map((day) => {
    const p = at(day);
    const signed = h.signOffs.filter((s) => s.day === day).map((s) => `Signed off by ${s.signedBy}`).join('; ');
    return [
      day,
      ...frameworks.map((f): Cell => ({ text: readinessText(p?.byFramework.find((b) => b.framework === f)?.percent ?? null), alignment: 'right' })),
      signed ? pdfText(signed) : { text: '', color: MUTED },
    ];
  });

  return [
    para(`Readiness per framework at the end of each day with a change, from ${h.points[0]!.day} to ${lastDay} (UTC days). Dashed vertical rules mark sign-offs.`, { color: MUTED, fontSize: 8 }),
    {
      columns: [
        { width: 30, stack: [{ text: '100%', margin: [0, 0, 0, 0] }, { text: '50%', margin: [0, HEIGHT / 2 - 18, 0, 0] }, { text: '0%', margin: [0, HEIGHT / 2 - 18, 0, 0] }], fontSize: 7, color: MUTED, alignment: 'right' },
        { width: WIDTH, stack: [{ canvas: [...grid, ...signOffRules, ...lines] }, { columns: [{ text: h.points[0]!.day, width: '*' }, { text: lastDay, width: 'auto' }], fontSize: 7, color: MUTED, margin: [0, 2, 0, 0] }], margin: [6, 3, 0, 0] },
      ],
      margin: [0, 2, 0, 4],
    },
    { columns: legend, margin: [36, 0, 0, 8] },
    table([60, ...frameworks.map(() => 50), '*'], ['Day', ...frameworks.map((f) => frameworkText(m, f)), 'Sign-off'], rows, { fontSize: 8 }),
  ];
}
