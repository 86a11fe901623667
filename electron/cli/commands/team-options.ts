// Option parsing shared by the team commands: passphrase files, people written "Name <email>".
import { readFileSync } from 'node:fs';
import { UsageError } from '../runtime';

/** The passphrase is read from a file so it never shows in the shell history or the process list. */
export function readPassphraseFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the passphrase file ${path}.`);
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (!passphrase) throw new UsageError(`The passphrase file ${path} is empty.`);
  return passphrase;
}

/** "Grace Hopper <grace@example.org>" or just "Grace Hopper". */
export function parsePerson(value: string): { name: string; email?: string } {
  const m = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  if (m) return { name: m[1] ?? '', email: m[2] };
  return { name: value.trim() };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
