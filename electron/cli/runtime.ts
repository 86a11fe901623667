// What every cwb command shares: which database, calling the contract like any transport does,
// printing, and turning errors into one sentence on stderr with a non-zero exit.
import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import type { MethodArgs, MethodName, MethodResult } from '../../shared/api';
import { dispatch } from '../core/dispatch';
import { defaultDatabasePath } from '../core/paths';
import { openWorkbench, type Workbench } from '../core/workbench';
import { keyFilePath, passphraseWrapping } from '../core/identity/key-file';
import { WorkbenchError } from '../core/errors';

export { CheckFailed, UsageError } from './outcomes';

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
  const keyIsNew = isNew && !existsSync(keyFilePath(file));
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
    // the signing key made for that database goes with it; a key that was there before stays
    if (keyIsNew && !ok) rmSync(keyFilePath(file), { force: true });
  }
}

/** Calls a contract method exactly as IPC and HTTP do: schema-parsed, typed envelope. */
export async function call<M extends MethodName>(wb: Workbench, method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const envelope = await dispatch(wb.handlers, method, args);
  if (!envelope.ok) throw new WorkbenchError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.value as MethodResult<M>;
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
