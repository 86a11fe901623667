// cwb analyze FILE... — offline checks of AWS CLI exports and scanner outputs, for CI pipelines,
// through the contract's analyzeDocument like the app's drop zone.
import { Command } from 'commander';
import { DOCUMENT_KINDS, type AnalysisResult, type DocumentKind, type StatusSuggestion } from '../../../shared/analysis';
import { SEVERITIES, type Severity } from '../../../shared/domain';
import { coverageGaps, suggestStatusesForResults, type CoverageGap } from '../../core/analyzers';
import { WorkbenchError } from '../../core/errors';
import { call, printJson, printTable, UsageError, withFileHandlers, withLocalFiles, type CliIo } from '../runtime';
import { FailOn } from '../outcomes';

type Outcome = { file: string; result?: AnalysisResult; error?: string; attachedTo?: string[] };

const rank = (s: Severity) => SEVERITIES.indexOf(s);

type FlatFinding = { code: string; severity: Severity | null; message: string; path: string; controls: string[]; status: string; open: boolean };

/** One shape for both kinds of result: our findings, and another scanner's (open unless it passed). */
function flatFindings(result: AnalysisResult): FlatFinding[] {
  if (result.type === 'document') return result.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, path: f.path, controls: f.controls, status: 'fail', open: true }));
  return result.findings.map((f) => ({ code: f.checkId ?? f.id, severity: f.severity, message: f.title, path: f.resource ?? '', controls: f.controls, status: f.status, open: f.status === 'fail' || f.status === 'warning' }));
}

export function analyzeCommand(io: CliIo): Command {
  return new Command('analyze')
    .description('check AWS CLI JSON exports (IAM, S3, SageMaker, EC2, CloudTrail, KMS) and Prowler / Security Hub findings')
    .argument('<files...>', 'documents to analyse')
    .option('--kind <kind>', `read every file as this kind: ${DOCUMENT_KINDS.join(', ')}`)
    .option('--project <id>', 'project whose controls the findings bear on')
    .option('--attach', 'keep the documents as evidence on the project (needs --project)')
    .option('--json', 'print {"documents":[{"file","kind","findings":[{"code","severity","status",…}],"partial"?}],"suggestions":[{"controlId","status","note"}],"coverage":[{"controlId","missing","note"}]}')
    .option('--vpc <ids...>', 'VPC ids that must each have an active flow log (ec2-flow-logs); a describe-vpcs file given alongside names them too; without either only an empty list is flagged')
    .option('--fail-on <severity>', `exit 3 when a finding is at or above: ${SEVERITIES.join(', ')}`)
    .addHelpText('after', '\nExit codes: 0 analysed (findings or not), 1 a document could not be read, 2 usage error, 3 a finding at or above --fail-on.')
    .action(async (files: string[], opts: { kind?: string; project?: string; attach?: boolean; json?: boolean; failOn?: string; vpc?: string[] }, cmd: Command) => {
      if (opts.kind && !(DOCUMENT_KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`Unknown kind "${opts.kind}": use one of ${DOCUMENT_KINDS.join(', ')}.`);
      if (opts.failOn && !(SEVERITIES as readonly string[]).includes(opts.failOn)) throw new UsageError(`Unknown severity "${opts.failOn}": use one of ${SEVERITIES.join(', ')}.`);
      if (opts.attach && !opts.project) throw new UsageError('--attach needs --project ID.');
      const kind = opts.kind as DocumentKind | undefined;

      const outcomes: Outcome[] = [];
      let together: { suggestions: StatusSuggestion[]; coverage: CoverageGap[] } | null = null;
      // Several files are one account, analysed together through the contract's analyzeDocuments
      // (a describe-vpcs file names the VPCs the flow logs must cover; describe-trails and
      // get-trail-status answer LM-01 between them), and with --attach kept together, all or none.
      // One file goes through analyzeDocument: without a project it is read as a stream, never whole.
      await withFileHandlers(cmd, opts.project, async (handlers) => {
        if (files.length > 1) {
          const done = await withLocalFiles(files, (datasetIds) =>
            call(handlers, 'analyzeDocuments', { files: datasetIds.map((datasetId) => ({ datasetId })), projectId: opts.project, attach: Boolean(opts.attach), kind, requiredVpcIds: opts.vpc }));
          done.documents.forEach((d, i) => outcomes.push(d.result
            ? { file: files[i] ?? d.file, result: d.result, attachedTo: opts.project ? d.attachedTo : undefined }
            : { file: files[i] ?? d.file, error: d.error }));
          together = { suggestions: done.suggestions, coverage: done.coverage };
          return;
        }
        for (const file of files) {
          try {
            const done = await withLocalFiles([file], ([datasetId]) =>
              call(handlers, 'analyzeDocument', { datasetId: datasetId!, projectId: opts.project, kind, attach: Boolean(opts.attach), requiredVpcIds: opts.vpc }));
            outcomes.push({ file, result: done.result, attachedTo: opts.project ? done.attachedTo : undefined });
          } catch (err) {
            if (!(err instanceof WorkbenchError) || err.code !== 'DOCUMENT_INVALID') throw err;
            outcomes.push({ file, error: err.message });
          }
        }
      });

      const analysed = outcomes.flatMap((o) => (o.result ? [o.result] : []));
      const { suggestions, coverage } = together ?? { suggestions: suggestStatusesForResults(analysed), coverage: coverageGaps(analysed) };
      if (opts.json) {
        printJson(io, {
          documents: outcomes.map((o) => o.result
            ? {
              file: o.file, kind: o.result.kind, findings: flatFindings(o.result).map(({ code, severity, message, path, controls, status }) => ({ code, severity, status, message, path, controls })),
              ...(o.attachedTo ? { attachedTo: o.attachedTo } : {}), ...(o.result.type === 'scanner' && o.result.partial ? { partial: o.result.partial } : {}),
            }
            : { file: o.file, error: o.error }),
          suggestions: suggestions.map(({ controlId, status, note }) => ({ controlId, status, note })),
          coverage,
        });
      } else {
        for (const o of outcomes) {
          if (!o.result) continue;
          io.out(`${o.file} (${o.result.kind}): ${o.result.findings.length} finding${o.result.findings.length === 1 ? '' : 's'}${o.attachedTo?.length ? `, attached to ${o.attachedTo.join(', ')}` : ''}\n`);
          if (o.result.type === 'document' && o.result.findings.length) {
            printTable(io, ['SEVERITY', 'CODE', 'PATH', 'CONTROLS', 'MESSAGE'], o.result.findings.map((f) => [f.severity, f.code, f.path, f.controls.join(','), f.message]));
          } else if (o.result.type === 'scanner') {
            const failed = o.result.findings.filter((f) => f.status === 'fail');
            printTable(io, ['STATUS', 'SEVERITY', 'CHECK', 'CONTROLS', 'TITLE'], failed.map((f) => [f.status, f.severity ?? '', f.checkId ?? f.id, f.mapped ? f.controls.join(',') : 'unmapped', f.title]));
            if (o.result.partial) io.err(`cwb: ${o.file}: ${o.result.partial}\n`);
          }
        }
        for (const s of suggestions) io.out(`${s.controlId}: suggested ${s.status.replace('_', '-')}. ${s.note}\n`);
        for (const gap of coverage) io.out(`${gap.controlId}: ${gap.note}\n`);
      }
      const unreadable = outcomes.filter((o) => o.error);
      if (unreadable.length) {
        const nothingKept = opts.attach && files.length > 1 ? '\ncwb: Nothing was attached: leave out or fix the unreadable file and run again.' : '';
        throw new WorkbenchError('DOCUMENT_INVALID', unreadable.map((o) => o.error).join('\ncwb: ') + nothingKept);
      }
      if (opts.failOn) {
        const threshold = rank(opts.failOn as Severity);
        const hits = outcomes.flatMap((o) => (o.result ? flatFindings(o.result) : [])).filter((f) => f.open && f.severity !== null && rank(f.severity) <= threshold);
        if (hits.length) throw new FailOn(`${hits.length} finding${hits.length === 1 ? '' : 's'} at or above ${opts.failOn}.`);
      }
    });
}

/** Findings at or above --fail-on: exit 3, so CI can tell it from an unreadable document. */
export { FailOn };
