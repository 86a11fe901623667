// The command line is a transport like IPC and HTTP: it calls the contract through dispatch and
// says so when asked which transport answered.
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { call, withWorkbench } from '../../../electron/cli/runtime';
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
