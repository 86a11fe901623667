// Datasets the app works on: uploaded in chunks from the renderer (browser mode has no file
// paths) into a private temp folder, or named by a local path. Masked copies land here too.
// Nothing here ever leaves the machine.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { WorkbenchError } from '../errors';

export const MAX_DATASET_BYTES = 2 * 1024 * 1024 * 1024;

let root: string | undefined;

function workspaceRoot(): string {
  if (!root || !existsSync(root)) {
    // uploads, masked copies and exported reports are working copies: gone when the process ends
    if (root === undefined) process.once('exit', () => root && rmSync(root, { recursive: true, force: true }));
    root = mkdtempSync(join(tmpdir(), 'cwb-datasets-'));
  }
  return root;
}

export type Dataset = { id: string; name: string; path: string; bytes: number };

const ID = /^ds-[0-9a-f]{16}$/;

function safeName(name: string): string {
  const cleaned = basename(name).replace(/[^\w.\- ]+/g, '_').slice(0, 120);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'dataset';
}

function datasetDir(id: string): string {
  if (!ID.test(id)) throw new WorkbenchError('INVALID_INPUT', `"${id}" is not a dataset id.`);
  return join(workspaceRoot(), id);
}

export function getDataset(id: string): Dataset {
  const dir = datasetDir(id);
  const files = existsSync(dir) ? readdirSync(dir) : [];
  const name = files[0];
  if (!name) throw new WorkbenchError('NOT_FOUND', `No dataset with id "${id}"; upload it again.`);
  // an adopted local file is a link: work on (and name in messages) the file it points to
  const path = realpathSync(join(dir, name));
  return { id, name, path, bytes: statSync(path).size };
}

/** Appends one chunk; the first call (no id) creates the dataset. */
export function appendDatasetChunk(input: { datasetId?: string; fileName: string; chunk: Buffer }): Dataset {
  let id = input.datasetId;
  if (!id) {
    id = `ds-${randomBytes(8).toString('hex')}`;
    mkdirSync(datasetDir(id), { recursive: true });
    writeFileSync(join(datasetDir(id), safeName(input.fileName)), '');
  }
  const dataset = getDataset(id);
  if (dataset.bytes + input.chunk.length > MAX_DATASET_BYTES) {
    removeDataset(id);
    throw new WorkbenchError('TOO_LARGE', `"${input.fileName}" is larger than ${MAX_DATASET_BYTES / 1073741824} GiB; scan it with \`cwb scan\` instead.`);
  }
  appendFileSync(dataset.path, input.chunk);
  return getDataset(id);
}

/** A new empty dataset slot for an output (a masked copy), named like its source. */
export function newOutputPath(fileName: string): { id: string; path: string } {
  const id = `ds-${randomBytes(8).toString('hex')}`;
  mkdirSync(datasetDir(id), { recursive: true });
  return { id, path: join(datasetDir(id), safeName(fileName)) };
}

/**
 * A file on this machine brought into the workspace by reference (a link, no copy): how the
 * command line hands a local file to the same dataset, analysis and package methods that the app
 * reaches by upload. Only a transport that runs as the user on their own files may call this.
 */
export function adoptLocalFile(path: string): Dataset {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new WorkbenchError('DOCUMENT_INVALID', `${path}: not a file.`);
    size = stat.size;
  } catch (err) {
    if (err instanceof WorkbenchError) throw err;
    throw new WorkbenchError('DOCUMENT_INVALID', `${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const id = `ds-${randomBytes(8).toString('hex')}`;
  mkdirSync(datasetDir(id), { recursive: true });
  symlinkSync(resolve(path), join(datasetDir(id), safeName(path)));
  return { ...getDataset(id), bytes: size };
}

/** The ids of the datasets in the workspace now (uploads, masked copies, exported reports). */
export function datasetIds(): string[] {
  return readdirSync(workspaceRoot()).filter((name) => ID.test(name)).sort();
}

export function removeDataset(id: string): void {
  rmSync(datasetDir(id), { recursive: true, force: true });
}
