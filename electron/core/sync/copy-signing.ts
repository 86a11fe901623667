// What a member signs when they push their copy of a project's rows: the project, the head of the
// chain the rows belong to, and the rows' exact text. A server cannot hand a teammate rows its
// author did not push, nor pair them with another head.
import { createHash } from 'node:crypto';

export function copySigningBytes(projectId: string, headHash: string, rowsJson: string): Buffer {
  const rows = createHash('sha256').update(rowsJson, 'utf8').digest('hex');
  return Buffer.from(`cwb-sync-copy/1\n${projectId}\n${headHash}\n${rows}`, 'utf8');
}
