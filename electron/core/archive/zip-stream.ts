// Reads a zip entry by entry, streamed, with limits counted on the bytes really inflated (the
// sizes in a zip's headers are the attacker's to choose): entry count, total uncompressed bytes,
// and compression ratio, per entry and for the whole archive. The one way core reads a zip.
import yauzl from 'yauzl';

export type ZipLimits = {
  maxEntries: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /**
   * Uncompressed : compressed. Counted once the output passes RATIO_FLOOR_BYTES, so small,
   * very compressible entries (a short JSON file) are fine while a bomb is stopped early.
   */
  maxRatio: number;
};

export const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;

/** A limit was passed: `problem` is a sentence fragment for the caller's own message. */
export class ZipLimitExceeded extends Error {
  constructor(readonly problem: string, readonly entry?: string) {
    super(problem);
  }
}

/** What a caller does with one entry's bytes; `end` runs after the last chunk. */
export type EntrySink = { data: (chunk: Buffer) => void; end: () => void };

const mib = (n: number): string => (n < 1048576 ? `${n} bytes` : `${Math.round(n / 1048576)} MiB`);

/**
 * Calls `visit` for each entry in order; it returns a sink for the entry's bytes, or null to skip
 * it. Rejects with the first error: a ZipLimitExceeded, whatever `visit` or a sink threw, or
 * yauzl's own error (unreadable zip, unsafe name when `decodeStrings` is on).
 */
export function walkZip(
  source: Buffer | string,
  limits: ZipLimits,
  visit: (entry: yauzl.Entry) => EntrySink | null,
  options: { decodeStrings?: boolean } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null, zip?: yauzl.ZipFile): void => {
      if (err || !zip) return reject(err ?? new Error('the zip could not be opened'));
      const archiveBytes = Buffer.isBuffer(source) ? source.length : zip.fileSize;
      let settled = false;
      const fail = (e: unknown): void => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(e);
      };
      if (zip.entryCount > limits.maxEntries) {
        return fail(new ZipLimitExceeded(`it holds ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`));
      }
      let total = 0;
      let seen = 0;
      zip.on('error', fail);
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return;
        if (++seen > limits.maxEntries) return fail(new ZipLimitExceeded(`it holds more than the ${limits.maxEntries} entries allowed`));
        const name = Buffer.isBuffer(entry.fileName as unknown) ? (entry.fileName as unknown as Buffer).toString('utf8') : entry.fileName;
        let sink: EntrySink | null;
        try {
          sink = visit(entry);
        } catch (e) {
          return fail(e);
        }
        if (!sink) return zip.readEntry();
        const into = sink;
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return fail(streamErr ?? new Error('no data stream'));
          let bytes = 0;
          const stop = (e: unknown): void => {
            stream.destroy();
            fail(e);
          };
          stream.on('data', (chunk: Buffer) => {
            if (settled) return;
            bytes += chunk.length;
            total += chunk.length;
            if (bytes > limits.maxEntryBytes) return stop(new ZipLimitExceeded(`an entry inflates to more than ${mib(limits.maxEntryBytes)}`, name));
            if (total > limits.maxTotalBytes) return stop(new ZipLimitExceeded(`its entries inflate to more than ${mib(limits.maxTotalBytes)} in all`, name));
            if (bytes > RATIO_FLOOR_BYTES && bytes > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
              return stop(new ZipLimitExceeded(`an entry inflates more than ${limits.maxRatio} times its compressed size (a zip bomb)`, name));
            }
            if (total > RATIO_FLOOR_BYTES && total > limits.maxRatio * archiveBytes) {
              return stop(new ZipLimitExceeded(`its entries inflate to more than ${limits.maxRatio} times the size of the file (a zip bomb)`, name));
            }
            try {
              into.data(chunk);
            } catch (e) {
              stop(e);
            }
          });
          stream.on('error', (e) => {
            // yauzl counts too: an entry longer than its header says is crafted, not merely damaged
            fail(/too many bytes in the stream/.test(e.message) ? new ZipLimitExceeded('an entry holds more bytes than its header says (a crafted or damaged zip)', name) : e);
          });
          stream.on('end', () => {
            if (settled) return;
            try {
              into.end();
            } catch (e) {
              return fail(e);
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    };
    const yauzlOptions = { lazyEntries: true, validateEntrySizes: true, decodeStrings: options.decodeStrings ?? true };
    if (Buffer.isBuffer(source)) yauzl.fromBuffer(source, yauzlOptions, opened);
    else yauzl.open(source, yauzlOptions, opened);
  });
}
