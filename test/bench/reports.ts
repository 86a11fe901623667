// Report rendering speed on a large project: 500 controls, 2,000 evidence items.
// Targets: Markdown < 200 ms, PDF < 3 s. Run: npx tsx test/bench/reports.ts
import { pathToFileURL } from 'node:url';
import { renderChecklistCsv } from '../../electron/core/reports/csv';
import { renderMarkdown } from '../../electron/core/reports/markdown';
import { checkReportModel } from '../../electron/core/reports/model';
import { renderOscalAssessmentResults } from '../../electron/core/reports/oscal';
import { renderPdf } from '../../electron/core/reports/pdf';
import { largeModel } from '../fixtures/report-model';
import { medianMs } from './measure';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

/** CPU time of one call, less sensitive than wall time to other work on a shared machine. */
async function cpuMs(f: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await f();
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / 1000);
}


export async function run(): Promise<Result[]> {
  const model = largeModel(500, 2000);
  // Warm up: JIT, font files read once per process.
  renderMarkdown(largeModel(20, 40));
  await renderPdf(largeModel(20, 40));
  const pdfBytes = (await renderPdf(model)).length;
  const pdfCpu = await cpuMs(() => renderPdf(model));
  const size = '500 controls, 2,000 evidence items';
  const modelMs = await medianMs(5, () => checkReportModel(model));
  // the big one: one run, it is slow (the goal is < 5 s)
  const big = largeModel(2000, 20000);
  const bigModelMs = await medianMs(3, () => checkReportModel(big));
  let bigBytes = 0;
  const bigPdfMs = await medianMs(1, async () => { bigBytes = (await renderPdf(big)).length; });
  return [
    { name: 'reports: check + order model', value: modelMs, unit: 'ms', note: size },
    { name: 'reports: Markdown', value: await medianMs(5, () => renderMarkdown(model)), unit: 'ms', baseline: { name: 'target', value: 200 }, note: size },
    { name: 'reports: CSV', value: await medianMs(5, () => renderChecklistCsv(model)), unit: 'ms', note: size },
    { name: 'reports: OSCAL assessment results', value: await medianMs(5, () => JSON.stringify(renderOscalAssessmentResults(model))), unit: 'ms', note: size },
    { name: 'reports: PDF, 500 controls / 2,000 evidence', value: await medianMs(3, () => renderPdf(model)), unit: 'ms', baseline: { name: 'check + order the model alone (goal < 1 s)', value: modelMs }, note: `${size}; ${Math.round(pdfBytes / 1024)} KiB; median of 3 (wall); one run took ${pdfCpu} ms CPU` },
    { name: 'reports: PDF, 2,000 controls / 20,000 evidence', value: bigPdfMs, unit: 'ms', baseline: { name: 'check + order the model alone (goal < 5 s)', value: bigModelMs }, note: `${Math.round(bigBytes / 1024)} KiB; one run (wall)` },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run();
  console.table(results.map((r) => ({ name: r.name, value: r.value, unit: r.unit, target: r.baseline?.value ?? '', note: r.note ?? '' })));
}
