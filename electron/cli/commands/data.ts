// cwb scan | mask | kanon — the data protection toolkit on local files, through the same dataset
// methods as the app: the file is brought into the workspace by reference, never copied.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Job } from '../../../shared/api';
import { DATA_FORMATS, PII_ENTITY_LABELS, ScanResult, type DataFormat } from '../../../shared/dataprotection';
import { loadMaskRules } from '../../core/dataprotection/mask';
import { asWorkbenchError } from '../../core/datasets/operations';
import { copyFileAtomic } from '../../core/exports/export';
import { getDataset, removeDataset } from '../../core/datasets/workspace';
import { call, followJob, printJson, printTable, UsageError, withFileHandlers, withLocalFiles, parseList, type CliIo } from '../runtime';

function progressPrinter(io: CliIo): ((job: Job) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = -1;
  return ({ done, total }) => {
    const pct = total ? Math.floor((done / total) * 100) : 0;
    if (pct !== last) {
      last = pct;
      io.err(`\rscanning… ${pct}%${pct === 100 ? '\n' : ''}`);
    }
  };
}

export function scanCommand(io: CliIo): Command {
  return new Command('scan')
    .description('find personal data in a CSV/TSV, JSON, JSON Lines or text file (streamed; nothing leaves this machine)')
    .argument('<file>', 'dataset to scan')
    .option('--format <format>', `force the format: ${DATA_FORMATS.join(', ')}`)
    .option('--project <id>', 'project to keep the result on as evidence (with --attach)')
    .option('--attach', 'attach the result to the PII-discovery control DS-08')
    .option('--json', 'print {"file","rows","bytes","findings":[{"entity","column","count","samples"}]}')
    .action(async (file: string, opts: { format?: string; project?: string; attach?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.format && !(DATA_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`Unknown format "${opts.format}": use one of ${DATA_FORMATS.join(', ')}.`);
      if (opts.attach && !opts.project) throw new UsageError('--attach needs --project ID.');
      const result = await withFileHandlers(cmd, opts.attach ? opts.project : undefined, (handlers) =>
        withLocalFiles([file], async ([datasetId]) => {
          const job = await followJob(handlers, await call(handlers, 'startScan', { datasetId: datasetId!, format: opts.format as DataFormat | undefined }), progressPrinter(io));
          if (opts.attach && opts.project) await call(handlers, 'attachScanResult', { projectId: opts.project, jobId: job.id });
          return ScanResult.parse(job.result);
        }));
      if (opts.json) {
        return printJson(io, { file: result.file, format: result.format, rows: result.rows, bytes: result.bytes, durationMs: Math.round(result.durationMs), findings: result.findings.map(({ entity, column, count, samples }) => ({ entity, column, count, samples })) });
      }
      io.out(`${result.file}: ${result.rows} rows, ${result.bytes} bytes in ${Math.round(result.durationMs)} ms; ${result.findings.length ? `${result.findings.reduce((n, f) => n + f.count, 0)} values of personal data` : 'no personal data found'}\n`);
      if (result.findings.length) printTable(io, ['COLUMN', 'ENTITY', 'COUNT', 'SAMPLES (MASKED)'], result.findings.map((f) => [f.column, `${f.entity} (${PII_ENTITY_LABELS[f.entity]})`, f.count, f.samples.join(', ')]));
    });
}

/** Moves the masked copy from the workspace to where the user asked, whole or not at all. */
export function maskCommand(io: CliIo): Command {
  return new Command('mask')
    .description('write a masked copy of a CSV; the original is never modified')
    .argument('<file>', 'CSV or TSV to mask')
    .requiredOption('--rules <file>', 'rules JSON: {"rules":[{"column","method":"redact|partial|pseudonymize|generalize|suppress",…}]}')
    .requiredOption('--out <file>', 'where to write the masked copy (written whole or not at all)')
    .option('--key-file <file>', 'secret key for pseudonymize (or set CWB_MASK_KEY); never written to the output')
    .option('--project <id>', 'project to keep the masking summary on as evidence (with --attach)')
    .option('--attach', 'attach the masking summary to the de-identification control DS-09')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { rules: string; out: string; keyFile?: string; project?: string; attach?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.attach && !opts.project) throw new UsageError('--attach needs --project ID.');
      const key = opts.keyFile ? readFileSync(opts.keyFile, 'utf8').trim() : process.env.CWB_MASK_KEY;
      // read here for messages that name the rules file and its line; the method checks them again
      const rules = await asWorkbenchError(() => loadMaskRules(opts.rules));
      const attachTo = opts.attach ? opts.project : undefined;
      const result = await withFileHandlers(cmd, attachTo, (handlers) =>
        withLocalFiles([file], async ([datasetId]) => {
          const masked = await call(handlers, 'maskDataset', { datasetId: datasetId!, rules, key, attachTo });
          try {
            await copyFileAtomic(getDataset(masked.output.datasetId).path, opts.out);
          } finally {
            removeDataset(masked.output.datasetId);
          }
          return { ...masked.result, outPath: opts.out };
        }));
      if (opts.json) return printJson(io, result);
      io.out(`Wrote ${opts.out}: ${result.rows} rows.\n`);
      printTable(io, ['COLUMN', 'METHOD', 'CELLS CHANGED', 'UNREADABLE'], result.columns.map((c) => [c.column, c.method, c.cells, c.unreadable]));
    });
}

export function kanonCommand(io: CliIo): Command {
  return new Command('kanon')
    .description('k-anonymity of a CSV over quasi-identifier columns, and the least generalization that reaches a target k')
    .argument('<file>', 'CSV or TSV')
    .requiredOption('--qi <columns>', 'quasi-identifier columns, comma-separated')
    .option('--k <n>', 'target k', '5')
    .option('--project <id>', 'project to keep the report on as evidence (with --attach)')
    .option('--attach', 'attach the report to the de-identification control DS-12')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { qi: string; k: string; project?: string; attach?: boolean; json?: boolean }, cmd: Command) => {
      const k = Number(opts.k);
      if (!Number.isInteger(k) || k < 1) throw new UsageError(`--k takes a whole number of at least 1 (got "${opts.k}").`);
      if (opts.attach && !opts.project) throw new UsageError('--attach needs --project ID.');
      const attachTo = opts.attach ? opts.project : undefined;
      const { report } = await withFileHandlers(cmd, attachTo, (handlers) =>
        withLocalFiles([file], ([datasetId]) => call(handlers, 'checkKAnonymity', { datasetId: datasetId!, quasiIdentifiers: parseList(opts.qi), k, attachTo })));
      if (opts.json) return printJson(io, report);
      io.out(`${report.file}: ${report.rows} rows, ${report.classes} equivalence classes over ${report.quasiIdentifiers.join(', ')}; k = ${report.k} (target ${report.targetK}); ${report.rowsBelowTarget} rows in classes below the target.\n`);
      printTable(io, ['CLASS SIZE', 'CLASSES', 'ROWS'], report.distribution.slice(0, 15).map((b) => [b.size, b.classes, b.rows]));
      if (report.suggestion) {
        io.out(`\nSuggested generalization (k = ${report.suggestion.kBeforeSuppression} before suppressing ${report.suggestion.suppressedRows} rows, ${report.suggestion.suppressedPercent.toFixed(1)}%):\n`);
        printTable(io, ['COLUMN', 'RULE'], report.suggestion.columns.map((c) => [c.column, c.rule ? JSON.stringify(c.rule) : 'keep']));
      }
      if (report.note) io.out(`\n${report.note}\n`);
    });
}
