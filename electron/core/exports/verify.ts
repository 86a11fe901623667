// Verifying an evidence package someone hands us as bytes (the app's upload): written to a
// private temp file and checked by the same code `cwb package verify` uses.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { verifyEvidencePackage } from '../reports';

export async function verifyPackageBytes(fileName: string, bytes: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'cwb-verify-'));
  try {
    const file = join(dir, basename(fileName).replace(/[^\w.-]/g, '_') || 'package.zip');
    await writeFile(file, bytes);
    return await verifyEvidencePackage(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
