// cwb audit verify
import { Command } from 'commander';
import { call, CheckFailed, printJson, withWorkbench, type CliIo } from '../runtime';

export function auditCommand(io: CliIo): Command {
  const audit = new Command('audit').description("a project's hash-chained audit trail");

  audit
    .command('verify')
    .description('recompute every hash of the audit chain (and of merged copies), replay the history against the tables, and name each problem')
    .requiredOption('--project <id>', 'project id')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; json?: boolean }, cmd: Command) => {
      const result = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'verifyAuditHistory', { projectId: opts.project }));
      if (opts.json) printJson(io, result);
      else if (result.ok) {
        const merged = result.branches.reduce((n, b) => n + b.events, 0);
        io.out(`OK: ${result.chain.events} events in the audit chain of ${opts.project} verify${result.branches.length ? `, and ${merged} events of ${result.branches.length} merged cop${result.branches.length === 1 ? 'y' : 'ies'}` : ''}; the tables hold what the history records.\n`);
        const { signed, unsigned, head } = result.identity;
        io.out(`Signatures: ${signed} signed${unsigned ? `, ${unsigned} unsigned (written before signed identities)` : ''}.\n`);
        if (head) io.out(`Anchored head: event ${head.seq}, hash ${head.hash}. Compare it with the head printed in your last report.\n`);
      }
      if (!result.ok) {
        const [first, ...more] = result.problems;
        throw new CheckFailed(more.length === 0
          ? `The audit trail of ${opts.project} does not verify: ${first?.sentence ?? 'a check failed'}.`
          : `The audit trail of ${opts.project} does not verify (${result.problems.length} problems):\n${result.problems.map((p) => `  - ${p.sentence}`).join('\n')}`);
      }
    });

  return audit;
}
