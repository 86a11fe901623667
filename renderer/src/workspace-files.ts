// Files the core wrote into its workspace (an exported report) reach the renderer piece by piece
// (readDatasetPart, 8 MiB at a time), so no answer carries a whole report as one base64 string.
import { DATASET_PART_MAX_BYTES } from '../../shared/contract-files';
import { api } from './api';
import { base64ToBytes } from './bytes';

/** The file's bytes as parts of a Blob; `onProgress` is told the bytes fetched so far and the size. */
export async function fetchWorkspaceFile(datasetId: string, mediaType: string, onProgress?: (done: number, size: number) => void): Promise<Blob> {
  const parts: Array<Uint8Array<ArrayBuffer>> = [];
  let offset = 0;
  for (;;) {
    const part = await api.readDatasetPart({ datasetId, offset, length: DATASET_PART_MAX_BYTES });
    const bytes = base64ToBytes(part.contentBase64);
    parts.push(bytes);
    offset += bytes.length;
    onProgress?.(offset, part.size);
    if (offset >= part.size || bytes.length === 0) break;
  }
  return new Blob(parts, { type: mediaType });
}
