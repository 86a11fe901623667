// One part of a file scanned for personal data in a worker thread (scan-parts.ts starts it): reads
// bytes [from, to), which begin at a record boundary, and posts its progress and what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { B } from './bytes';
import { CsvReader } from './csv';
import { JsonScanner } from './jsonscan';
import { readThrough } from './reader';
import type { PartFound, PartMessage, PartTask } from './scan-parts';
import { TextScanner } from './textscan';

async function scanPart(task: PartTask): Promise<PartFound> {
  const progress = (done: number) => parentPort!.postMessage({ type: 'progress', done } satisfies PartMessage);
  const read = { from: task.from, to: task.to, onProgress: progress, ...(task.chunkBytes ? { chunkBytes: task.chunkBytes } : {}) };
  if (task.format === 'json' || task.format === 'jsonl') {
    const parser = new JsonScanner(task.file, task.format === 'jsonl');
    parser.tally.recordFirstHits();
    if (task.from > 0) parser.resumeMidFile(task.last);
    else if (!task.last) parser.endsBeforeFile();
    await readThrough(task.file, parser, read);
    return {
      rows: parser.rows,
      header: null,
      tally: parser.tally.part(),
      json: { columns: parser.columns, endState: parser.endState(), resumedState: JsonScanner.resumedState(task.format === 'jsonl'), pathNodes: parser.pathNodes },
    };
  }
  if (task.format === 'text') {
    const parser = new TextScanner(task.file);
    parser.tally.recordFirstHits();
    if (task.from > 0) parser.resumeMidFile();
    await readThrough(task.file, parser, read);
    return { rows: parser.rows, header: null, tally: parser.tally.part() };
  }
  const parser = new CsvReader(task.file, task.format === 'csv' ? B.COMMA : B.TAB);
  parser.tally.recordFirstHits();
  if (task.header) parser.resumeAfterHeader(task.header);
  await readThrough(task.file, parser, read);
  return { rows: parser.rows, header: parser.header, tally: parser.tally.part() };
}

const task = workerData as PartTask;
scanPart(task).then(
  (found) => parentPort!.postMessage({ type: 'done', found } satisfies PartMessage),
  (err: unknown) => parentPort!.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies PartMessage),
);
