// One large document in its own process, so that its peak RSS is this run's alone. Used by
// analyzers-stream.ts:  node --import tsx analyzers-stream-child.ts MODE FILE
//   stream        analyzeDocumentStream over a 64 KiB read stream (what the app does)
//   json-parse    readFileSync + JSON.parse, nothing else (the floor of reading it whole)
//   streamparser  @streamparser/json alone, items of the big arrays dropped as they come
//   stream-json   stream-json alone (parser + streamValues at depth 2), for comparison
// Prints {"seconds":…,"maxRssMb":…,"items":…}.
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { JSONParser } from '@streamparser/json';
import { analyzeDocumentStream } from '../../electron/core/analyzers/index';

const mode = process.argv[2];
const file = process.argv[3] ?? '';
if (!file) throw new Error('usage: analyzers-stream-child.ts MODE FILE');
const chunks = () => createReadStream(file, { highWaterMark: 1 << 16 });

function firstByte(path: string): string {
  const fd = openSync(path, 'r');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, 0);
  closeSync(fd);
  return one.toString('latin1');
}

async function run(): Promise<number> {
  switch (mode) {
    case 'stream': {
      const result = await analyzeDocumentStream({ file, chunks: chunks() });
      return result.type === 'scanner' ? result.counts.total : result.findings.length;
    }
    case 'json-parse': {
      const root = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return Array.isArray(root) ? root.length : Object.keys(root as object).length;
    }
    case 'streamparser': {
      let items = 0;
      const parser = new JSONParser({ paths: ['$.*', '$.*.*'], keepStack: false });
      parser.onValue = ({ stack, parent }) => {
        items++;
        if (stack.length === 2 && Array.isArray(parent)) parent.length -= 1;
      };
      for await (const chunk of chunks()) parser.write(chunk as Buffer);
      return items;
    }
    case 'stream-json': {
      const require = createRequire(import.meta.url);
      const { parser } = require('stream-json') as { parser: () => NodeJS.ReadWriteStream };
      const { pick } = require('stream-json/filters/Pick') as { pick: (o: object) => NodeJS.ReadWriteStream };
      const { streamValues } = require('stream-json/streamers/StreamValues') as { streamValues: () => NodeJS.ReadWriteStream };
      let items = 0;
      await new Promise<void>((resolve, reject) => {
        const root = firstByte(file) === '[';
        chunks().pipe(parser()).pipe(pick({ filter: root ? /^\d+$/ : /^\w+\.\d+$/ })).pipe(streamValues())
          .on('data', () => { items++; }).on('end', resolve).on('error', reject);
      });
      return items;
    }
    default:
      throw new Error(`unknown mode ${String(mode)}`);
  }
}

const start = performance.now();
const items = await run();
const seconds = (performance.now() - start) / 1000;
process.stdout.write(JSON.stringify({ seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), items }));
