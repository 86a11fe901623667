// The command line is a transport like IPC and HTTP: it calls the contract through dispatch and
// says so when asked which transport answered.
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { call, withFileHandlers, withLocalFiles, withWorkbench } from '../../../electron/cli/runtime';
import { getDataset } from '../../../electron/core/datasets/workspace';
import { tempDir } from '../../helpers/workbench';

describe('cwb as a transport', () => {
  it('answers getAppInfo with transport "cli", through the same dispatch as IPC and HTTP', async () => {
    const cmd = new Command().option('--db <file>');
    cmd.parse(['--db', join(tempDir(), 'cli.sqlite')], { from: 'user' });
    const info = await withWorkbench(cmd, 'create', (wb) => call(wb, 'getAppInfo', {}));
    expect(info.transport).toBe('cli');
  });

  it('refuses bad arguments with the contract schema, as every transport does', async () => {
    const cmd = new Command().option('--db <file>');
    cmd.parse(['--db', join(tempDir(), 'cli.sqlite')], { from: 'user' });
    // a method argument the schema rejects: the CLI gets the same INVALID_INPUT envelope as IPC/HTTP
    const bad = { contentBase64: '' } as unknown as Parameters<typeof call<'importBundle'>>[2];
    await expect(withWorkbench(cmd, 'create', (wb) => call(wb, 'importBundle', bad))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('the bundle is empty') });
  });
});

describe('cwb file commands through the contract', () => {
  const noDatabase = () => {
    const cmd = new Command().option('--db <file>');
    const db = join(tempDir(), 'never-made.sqlite');
    cmd.parse(['--db', db], { from: 'user' });
    return { cmd, db };
  };

  it('analyses a local file through analyzeDocument with no database, the same as an upload', async () => {
    const { cmd, db } = noDatabase();
    const file = 'test/fixtures/aws/iam-policy/action-wildcard.json';
    const [byPath, byUpload] = await withFileHandlers(cmd, undefined, (handlers) =>
      Promise.all([
        withLocalFiles([file], ([datasetId]) => call(handlers, 'analyzeDocument', { datasetId: datasetId!, attach: false })),
        call(handlers, 'analyzeDocument', { fileName: file, contentBase64: readFileSync(file).toString('base64'), attach: false }),
      ]));
    expect(byPath.result.kind).toBe('iam-policy');
    expect(byPath.result.findings.map((f) => 'code' in f && f.code)).toEqual(byUpload.result.findings.map((f) => 'code' in f && f.code));
    expect(existsSync(db)).toBe(false);
  });

  it('analyses several documents as one account through analyzeDocuments, and refuses an empty list', async () => {
    const { cmd, db } = noDatabase();
    const files = ['test/fixtures/aws/cloudtrail-trails/clean.json', 'test/fixtures/aws/cloudtrail-trail-status/clean.json'];
    const done = await withFileHandlers(cmd, undefined, (handlers) =>
      call(handlers, 'analyzeDocuments', { files: files.map((f) => ({ fileName: f, contentBase64: readFileSync(f).toString('base64') })) }));
    expect(done.documents.map((d) => d.result?.kind)).toEqual(['cloudtrail-trails', 'cloudtrail-trail-status']);
    expect(done.suggestions.find((s) => s.controlId === 'LM-01')?.status).toBe('compliant');
    expect(done.coverage).toEqual([]);
    const one = await withFileHandlers(cmd, undefined, (handlers) =>
      call(handlers, 'analyzeDocuments', { files: [{ fileName: files[0]!, contentBase64: readFileSync(files[0]!).toString('base64') }] }));
    expect(one.suggestions.find((s) => s.controlId === 'LM-01')).toBeUndefined();
    expect(one.coverage.map((g) => g.controlId)).toEqual(['LM-01']);
    await expect(withFileHandlers(cmd, undefined, (handlers) => call(handlers, 'analyzeDocuments', { files: [] }))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('give at least one document') });
    expect(existsSync(db)).toBe(false);
  });

  it('refuses, with a sentence, a method that needs a database when there is none', async () => {
    const { cmd } = noDatabase();
    await expect(withFileHandlers(cmd, undefined, (handlers) => call(handlers, 'listProjects', {}))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('needs a workbench database') });
    await expect(withFileHandlers(cmd, undefined, (handlers) =>
      withLocalFiles(['test/fixtures/aws/iam-policy/action-wildcard.json'], ([datasetId]) => call(handlers, 'analyzeDocument', { datasetId: datasetId!, attach: true })))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('needs a project') });
  });

  it('brings a local file in by reference and takes it out again, never copying it', async () => {
    const file = join(tempDir(), 'data.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const seen = await withLocalFiles([file], ([datasetId]) => {
      const dataset = getDataset(datasetId!);
      expect(dataset.path).toBe(realpathSync(file));
      return Promise.resolve(datasetId!);
    });
    expect(() => getDataset(seen)).toThrow(/upload it again/);
    await expect(withLocalFiles([join(tempDir(), 'missing.csv')], () => Promise.resolve())).rejects.toMatchObject({ code: 'DOCUMENT_INVALID', message: expect.stringMatching(/missing\.csv: cannot be read \(ENOENT\)/) });
  });
});
