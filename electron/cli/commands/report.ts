// cwb report | package verify
import { Command } from 'commander';
import { FRAMEWORK_IDS, FrameworkRef } from '../../../shared/domain';
import { EXPORT_FORMATS, type ExportFormat, type Job } from '../../../shared/contract-common';
import { ExportedReport } from '../../../shared/contract-reports';
import { REPORT_KINDS, type ReportKind } from '../../../shared/report-model';
import { getDataset, removeDataset } from '../../core/datasets/workspace';
import { copyFileAtomic } from '../../core/exports/export';
import { call, CheckFailed, followJob, printJson, UsageError, withFileHandlers, withLocalFiles, withWorkbench, type CliIo } from '../runtime';

export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description('export a report or the evidence package of a project')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')} (oscal = assessment results, poam = plan of action)`)
    .requiredOption('--out <path>', 'file to write (written whole or not at all)')
    .option('--framework <id>', `only one framework: ${FRAMEWORK_IDS.join(', ')} or an imported one`)
    .option('--exclude-na', 'leave out controls marked not applicable')
    .option('--baseline', 'report the answers as they were at the last sign-off, not the current state')
    .option('--kind <kind>', `${REPORT_KINDS.join(' or ')}: a summary is the few pages an auditor reads first (PDF only)`, 'full')
    .option('--progress', 'tell the stage and the page being written on stderr (the default when stderr is a terminal)')
    .option('--no-progress', 'no progress on stderr')
    .action(async (opts: { project: string; format: string; out: string; framework?: string; excludeNa?: boolean; baseline?: boolean; kind: string; progress?: boolean }, cmd: Command) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`Unknown format "${opts.format}": use one of ${EXPORT_FORMATS.join(', ')}.`);
      if (opts.framework && !FrameworkRef.safeParse(opts.framework).success) throw new UsageError(`Unknown framework "${opts.framework}": use one of ${FRAMEWORK_IDS.join(', ')} or an imported framework's id.`);
      const filters = { framework: opts.framework ?? 'all', includeNotApplicable: !opts.excludeNa, describes: opts.baseline ? ('signed_baseline' as const) : ('current' as const) };
      if (!(REPORT_KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`Unknown kind "${opts.kind}": use one of ${REPORT_KINDS.join(', ')}.`);
      if (opts.kind === 'summary' && opts.format !== 'pdf') throw new UsageError(`A summary report is made as PDF only: use --format pdf, or leave out --kind (format is ${opts.format}).`);
      const format = opts.format as ExportFormat;
      const kind = opts.kind as ReportKind;
      const report = await withWorkbench(cmd, 'existing', async (wb) => {
        const started = await call(wb, 'startReportExport', { projectId: opts.project, format, kind, ...filters });
        // Ctrl+C cancels the job: nothing is written, as the file is only copied to --out once the job is done
        const progress = opts.progress ?? process.stderr.isTTY === true;
        const job = await followJob(wb, started, progress ? stageTeller(io) : undefined);
        return ExportedReport.parse(job.result);
      });
      // the job wrote the file into the dataset workspace as it was made: copied from there, no bytes pass through here
      try {
        await copyFileAtomic(getDataset(report.datasetId).path, opts.out);
      } finally {
        removeDataset(report.datasetId);
      }
      io.out(`Wrote ${opts.out} (${report.bytes} bytes).\n`);
    });
}

/** Tells each new stage or page of an export on one line of stderr. */
function stageTeller(io: CliIo): (job: Job) => void {
  let said = '';
  return (current) => {
    const line = current.stage ? `${current.stage}${current.total > 0 ? ` ${current.done} of ${current.total}` : ''}…\n` : '';
    if (line && line !== said) io.err(line);
    said = line || said;
  };
}

export function packageCommand(io: CliIo): Command {
  const pkg = new Command('package').description('evidence packages');
  pkg
    .command('verify')
    .description('check a package against its manifest of SHA-256s')
    .argument('<path>', 'the .zip written by cwb report --format zip')
    .option('--json', 'print JSON')
    .action(async (path: string, opts: { json?: boolean }, cmd: Command) => {
      const result = await withFileHandlers(cmd, undefined, (handlers) => withLocalFiles([path], ([datasetId]) => call(handlers, 'verifyPackage', { datasetId: datasetId! })));
      if (opts.json) printJson(io, result);
      else if (result.ok) {
        io.out(`OK: ${result.checked} files match the manifest.\n`);
        io.out(result.signedBy
          ? `Signed: manifest.sha256 carries a valid signature by key ${result.signedBy} (signer.pem); compare it with the signer's fingerprint.\n`
          : 'Unsigned: this package carries no signature (signer.pem, manifest.sig).\n');
      }
      if (!result.ok) {
        throw new CheckFailed(`${path} does not match its manifest: ${result.problems.map((p) => `${p.file} ${p.problem.replace(/_/g, ' ')}`).join('; ')}.`);
      }
    });
  return pkg;
}
