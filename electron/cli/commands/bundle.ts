// cwb bundle export | import: moving a project between air-gapped machines.
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { writeFileAtomic } from '../../core/exports/export';
import { call, printJson, UsageError, withWorkbench, type CliIo } from '../runtime';
import { readPassphraseFile } from './team-options';

export function bundleCommand(io: CliIo): Command {
  const bundle = new Command('bundle').description("export a project's bundle, or import (merge) a teammate's");

  bundle
    .command('export')
    .description('one file with the project, its evidence files and its audit history')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--out <file>', 'bundle file to write (written whole or not at all)')
    .option('--passphrase-file <file>', 'encrypt with the passphrase in this file (AES-256-GCM, scrypt)')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; out: string; passphraseFile?: string; json?: boolean }, cmd: Command) => {
      const passphrase = readPassphraseFile(opts.passphraseFile);
      const b = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'exportBundle', { projectId: opts.project, passphrase }));
      await writeFileAtomic(opts.out, Buffer.from(b.contentBase64, 'base64'));
      if (opts.json) return printJson(io, { file: opts.out, size: b.size, sha256: b.sha256, encrypted: b.encrypted });
      io.out(`Wrote ${opts.out} (${b.size} bytes${b.encrypted ? ', encrypted' : ''}, SHA-256 ${b.sha256}).\n`);
    });

  bundle
    .command('import')
    .description('create the project from a bundle, or merge a bundle of a project that is here already')
    .argument('<file>', 'the bundle file')
    .option('--passphrase-file <file>', 'the passphrase of an encrypted bundle, in a file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { passphraseFile?: string; json?: boolean }, cmd: Command) => {
      const passphrase = readPassphraseFile(opts.passphraseFile);
      const bytes = await readFile(file).catch(() => {
        throw new UsageError(`Cannot read the bundle ${file}.`);
      });
      const r = await withWorkbench(cmd, 'create', (wb) => call(wb, 'importBundle', { contentBase64: bytes.toString('base64'), passphrase }));
      if (opts.json) return printJson(io, r);
      const what = r.outcome === 'created'
        ? `Imported project ${r.projectId} "${r.projectName}" (${r.eventsReceived} audit events).`
        : r.outcome === 'up_to_date'
          ? `Project ${r.projectId} "${r.projectName}" is already up to date with this bundle.`
          : `Merged ${r.eventsReceived} events from ${r.exportedBy} into ${r.projectId} "${r.projectName}": ${r.fieldsChanged} fields changed, ${r.rowsAdded} rows added.`;
      io.out(`${what}\n`);
      io.out(`Signed by ${r.signedBy.memberKey}, key ${r.signedBy.fingerprint}${r.signedBy.firstUse ? ' (first time this key is seen for them: compare the fingerprint with theirs)' : ''}.\n`);
      if (r.conflicts.length) io.out(`${r.conflicts.length} conflict${r.conflicts.length === 1 ? '' : 's'} to resolve in the app: ${r.conflicts.join(', ')}.\n`);
    });

  return bundle;
}
