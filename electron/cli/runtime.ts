// What every cwb command shares: which database, calling the contract like any transport does,
// printing, and turning errors into one sentence on stderr with a non-zero exit.
import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import type { Job, MethodArgs, MethodName, MethodResult } from '../../shared/api';
import type { Handlers } from '../../shared/handlers';
import { dispatch } from '../core/dispatch';
import { defaultDatabasePath } from '../core/paths';
import { openWorkbench, type Workbench } from '../core/workbench';
import { keyFilePath, passphraseWrapping, profileKeysDir } from '../core/identity/key-file';
import { WorkbenchError } from '../core/errors';
import { adoptLocalFile, removeDataset } from '../core/datasets/workspace';

export { CheckFailed, UsageError } from './outcomes';
import { CheckFailed } from './outcomes';

export type CliIo = { out: (text: string) => void; err: (text: string) => void };

export function databasePath(cmd: Command): string {
  const opts = cmd.optsWithGlobals<{ db?: string }>();
  return opts.db ?? defaultDatabasePath();
}

/** Said when a write has to wait for the desktop app or another cwb (the wait lasts up to 5 s). */
export const WAIT_NOTICE = 'cwb: the database is busy with another program (the desktop app or another cwb); waiting up to 5 seconds for it…\n';

/**
 * Opens the workbench for one command; only commands that create a project may create the
 * database. A database this command created is removed again when the command is refused (a
 * refused `bundle import` into a new --db path leaves nothing behind, its signing key included).
 */
export async function withWorkbench<T>(cmd: Command, mode: 'create' | 'existing', work: (wb: Workbench) => Promise<T> | T): Promise<T> {
  const file = databasePath(cmd);
  const isNew = mode === 'create' && !existsSync(file);
  const keyIsNew = isNew && !existsSync(keyFilePath(file)) && !existsSync(profileKeysDir(file));
  const wb = await openWorkbench(file, {
    create: mode === 'create',
    transport: 'cli',
    onWait: () => process.stderr.write(WAIT_NOTICE),
    // the signing key beside the database, wrapped by a passphrase when one is set
    keyWrapping: process.env.CWB_KEY_PASSPHRASE ? passphraseWrapping(process.env.CWB_KEY_PASSPHRASE) : undefined,
  });
  let ok = false;
  try {
    const result = await work(wb);
    ok = true;
    return result;
  } finally {
    wb.close();
    if (isNew && !ok) for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
    // the signing keys made for that database go with it; keys that were there before stay
    if (keyIsNew && !ok) rmSync(profileKeysDir(file), { recursive: true, force: true });
  }
}

/** Calls a contract method exactly as IPC and HTTP do: schema-parsed, typed envelope. */
export async function call<M extends MethodName>(wb: Workbench | Partial<Handlers>, method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const envelope = await dispatch('handlers' in wb ? (wb.handlers as Handlers) : wb, method, args);
  if (!envelope.ok) throw new WorkbenchError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.value as MethodResult<M>;
}

/**
 * The handlers a file command calls: the open workbench's when it names a project (to keep the
 * result as evidence), otherwise the file methods alone, with no database at all.
 */
export async function withFileHandlers<T>(cmd: Command, projectId: string | undefined, work: (handlers: Partial<Handlers>) => Promise<T>): Promise<T> {
  if (projectId) return withWorkbench(cmd, 'existing', (wb) => work(wb.handlers));
  // loaded on demand: a command that needs neither (cwb --version) starts without them
  const [{ fileHandlers }, { loadBuiltinCatalog }] = await Promise.all([import('../core/handlers/files'), import('../core/catalog/builtin')]);
  return work(fileHandlers(null, { get catalog() { return loadBuiltinCatalog(); }, now: () => new Date() }));
}

/** Brings local files into the dataset workspace by reference for one command, and out again. */
export async function withLocalFiles<T>(paths: string[], work: (datasetIds: string[]) => Promise<T>): Promise<T> {
  const adopted: string[] = [];
  try {
    for (const path of paths) adopted.push(adoptLocalFile(path).id);
    return await work(adopted);
  } finally {
    for (const id of adopted) removeDataset(id);
  }
}

/**
 * Follows a job (the PII scan, a report export) to its end, telling each update; Ctrl-C cancels
 * it. A failed job throws its error; a cancelled one says that nothing was kept.
 */
export async function followJob(handlers: Workbench | Partial<Handlers>, job: Job, onUpdate?: (job: Job) => void): Promise<Job> {
  const cancel = () => void call(handlers, 'cancelJob', { jobId: job.id });
  process.once('SIGINT', cancel);
  try {
    let current = job;
    onUpdate?.(current);
    while (current.state === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      current = await call(handlers, 'getJob', { jobId: job.id });
      onUpdate?.(current);
    }
    if (current.state === 'failed') throw new WorkbenchError(current.error?.code ?? 'INTERNAL', current.error?.message ?? `The ${current.kind} failed.`, current.error?.details);
    if (current.state === 'cancelled') throw new CheckFailed(`The ${current.kind} was cancelled; nothing was kept or written.`);
    return current;
  } finally {
    process.removeListener('SIGINT', cancel);
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain fixed-width table for people; scripts use --json. */
export function printTable(io: CliIo, headers: string[], rows: Array<Array<string | number | null>>): void {
  const cells = rows.map((r) => r.map((c) => (c === null ? '' : String(c)).replace(/\s+/g, ' ')));
  const widths = headers.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) =>
    r.map((c, i) => (c.length > (widths[i] ?? 0) ? `${c.slice(0, (widths[i] ?? 1) - 1)}…` : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  io.out(`${line(headers)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${cells.map(line).join('\n')}${cells.length ? '\n' : ''}`);
}

export function parseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
