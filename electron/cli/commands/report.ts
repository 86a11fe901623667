// cwb report | package verify
import { Command } from 'commander';
import { FRAMEWORK_IDS, FrameworkRef } from '../../../shared/domain';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api';
import { writeFileAtomic } from '../../core/exports/export';
import { call, CheckFailed, printJson, UsageError, withFileHandlers, withLocalFiles, withWorkbench, type CliIo } from '../runtime';

export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description('export a report or the evidence package of a project')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')} (oscal = assessment results, poam = plan of action)`)
    .requiredOption('--out <path>', 'file to write (written whole or not at all)')
    .option('--framework <id>', `only one framework: ${FRAMEWORK_IDS.join(', ')} or an imported one`)
    .option('--exclude-na', 'leave out controls marked not applicable')
    .option('--baseline', 'report the answers as they were at the last sign-off, not the current state')
    .action(async (opts: { project: string; format: string; out: string; framework?: string; excludeNa?: boolean; baseline?: boolean }, cmd: Command) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`Unknown format "${opts.format}": use one of ${EXPORT_FORMATS.join(', ')}.`);
      if (opts.framework && !FrameworkRef.safeParse(opts.framework).success) throw new UsageError(`Unknown framework "${opts.framework}": use one of ${FRAMEWORK_IDS.join(', ')} or an imported framework's id.`);
      const filters = { framework: opts.framework ?? 'all', includeNotApplicable: !opts.excludeNa, describes: opts.baseline ? ('signed_baseline' as const) : ('current' as const) };
      const format = opts.format as ExportFormat;
      const file = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'exportReport', { projectId: opts.project, format, ...filters }));
      const bytes = Buffer.from(file.contentBase64, 'base64');
      await writeFileAtomic(opts.out, bytes);
      io.out(`Wrote ${opts.out} (${bytes.length} bytes).\n`);
    });
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
