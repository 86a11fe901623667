// cwb sync: push this laptop's new events to the team server and pull teammates' (core/sync/client.ts).
import { Command } from 'commander';
import { call, printJson, withWorkbench, type CliIo } from '../runtime';

export function syncCommand(io: CliIo): Command {
  return new Command('sync')
    .description('sync a project with the team server: push what it lacks, pull and merge what this laptop lacks')
    .requiredOption('--project <id>', 'the project')
    .requiredOption('--server <url>', 'the sync server, e.g. https://sync.example.org')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; server: string; json?: boolean }, cmd: Command) => {
      const r = await withWorkbench(cmd, 'create', (wb) => call(wb, 'syncProject', { projectId: opts.project, server: opts.server }));
      if (opts.json) return printJson(io, r);
      io.out(
        `${r.created ? `Received project ${r.projectId}` : `Synced project ${r.projectId}`} with ${r.server}: ${r.pushed} event${r.pushed === 1 ? '' : 's'} pushed, ` +
          `${r.pulled} pulled, ${r.copiesMerged} teammate cop${r.copiesMerged === 1 ? 'y' : 'ies'} merged${r.conflicts ? `, ${r.conflicts} conflict${r.conflicts === 1 ? '' : 's'} to resolve (cwb conflict list)` : ''}.\n`,
      );
    });
}
