// cwb audit verify
import { Command } from 'commander';
import { call, CheckFailed, printJson, withWorkbench, type CliIo } from '../runtime';

export function auditCommand(io: CliIo): Command {
  const audit = new Command('audit').description("a project's hash-chained audit trail");

  audit
    .command('verify')
    .description('recompute every hash of the audit chain (and of merged copies), replay the history against the tables, and name each problem')
    .requiredOption('--project <id>', 'project id')
    .option('--expect-head <seq:hash>', 'fail unless the chain still holds this head (as a report, package, bundle or sign-off printed it), e.g. 12:3f5a9c01d2e4')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; expectHead?: string; json?: boolean }, cmd: Command) => {
      const args = { projectId: opts.project, ...(opts.expectHead === undefined ? {} : { expectHead: opts.expectHead }) };
      const result = await withWorkbench(cmd, 'existing', (wb) => call(wb, 'verifyAuditHistory', args));
      if (opts.json) printJson(io, result);
      else if (result.ok) {
        const merged = result.branches.reduce((n, b) => n + b.events, 0);
        io.out(`OK: ${result.chain.events} events in the audit chain of ${opts.project} verify${result.branches.length ? `, and ${merged} events of ${result.branches.length} merged cop${result.branches.length === 1 ? 'y' : 'ies'}` : ''}; the tables hold what the history records.\n`);
        const { signed, unsigned, head } = result.identity;
        io.out(`Signatures: ${signed} signed${unsigned ? `, ${unsigned} unsigned (written before signed identities)` : ''}.\n`);
        if (head) io.out(`Anchored head: event ${head.seq}, hash ${head.hash}. ${opts.expectHead ? `It holds the expected head ${opts.expectHead}.` : 'Compare it with the head printed in your last report, or pass it to --expect-head.'}\n`);
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
