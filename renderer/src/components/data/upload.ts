// Sends a dataset to the workbench in chunks, reporting progress, so a large file neither
// blocks the page nor exceeds a request's size.
import { api } from '../../api';
import { bytesToBase64 } from '../../bytes';

const CHUNK = 4 * 1024 * 1024;

export async function uploadDataset(file: File, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<{ datasetId: string; name: string; bytes: number }> {
  let datasetId: string | undefined;
  let last = { datasetId: '', name: file.name, bytes: 0 };
  for (let offset = 0; offset < file.size || offset === 0; offset += CHUNK) {
    if (signal.aborted) throw new Error('Upload cancelled.');
    const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    last = await api.uploadDatasetChunk({ datasetId, fileName: file.name, chunkBase64: bytesToBase64(chunk) });
    datasetId = last.datasetId;
    onProgress(Math.min(file.size, offset + CHUNK), file.size);
    if (file.size === 0) break;
  }
  return last;
}
