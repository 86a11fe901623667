import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cwb } from '../../helpers/cli';
import { readZip, writeZip } from '../../helpers/zip';
import { tempDir } from '../../helpers/workbench';

async function project(frameworks: string) {
  const db = join(tempDir(), 'cli.sqlite');
  const p = JSON.parse((await cwb('--db', db, 'project', 'create', '--name', 'Łódź claims', '--frameworks', frameworks, '--json')).out) as { id: string };
  return { db, id: p.id };
}

describe('cwb catalog', () => {
  it('show --json prints frameworks with requirements and controls with mappings', async () => {
    const r = await cwb('catalog', 'show', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out) as { version: string; frameworks: Array<{ id: string; requirements: Array<{ id: string; title: string }> }>; controls: Array<Record<string, unknown> & { mappings: Array<{ framework: string; requirement: string }> }> };
    expect(c.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(c.frameworks.map((f) => f.id)).toEqual(['hipaa', 'gdpr', 'pci']);
    expect(c.frameworks.find((f) => f.id === 'hipaa')?.requirements).toContainEqual({ id: '164.312(a)(2)(iv)', title: 'Encryption and decryption' });
    expect(c.controls.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(c.controls[0]!)).toEqual(expect.arrayContaining(['id', 'title', 'domain', 'objective', 'verification', 'evidence', 'mappings']));
    expect(c.controls.every((k) => k.mappings.length > 0)).toBe(true);
  });

  it('show --framework prints the whole tree with each leaf\'s state, and totals that add up', async () => {
    const r = await cwb('catalog', 'show', '--framework', 'hipaa', '--json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as { leaves: { mapped: number; 'no-control': number; 'not-applicable': number; gap: number }; requirements: Array<{ id: string; leaf: boolean; depth: number; state: string; outOfScope: { kind: string } | null }> };
    const leaves = t.requirements.filter((x) => x.leaf);
    expect(t.leaves.mapped + t.leaves['no-control'] + t.leaves['not-applicable'] + t.leaves.gap).toBe(leaves.length);
    expect(t.requirements.find((x) => x.id === '164.310(a)(2)(i)')).toMatchObject({ leaf: true, depth: 1, state: 'not-applicable', outOfScope: { kind: 'not-applicable' } });
    const text = await cwb('catalog', 'coverage', '--framework', 'pci');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^· · 5\.2\.1 .*mapped: LM-09 \(partly\)/m);
    expect(text.out).toMatch(/^5 .*11 beneath: mapped 9, no control 1, not applicable 1, gaps 0/m);
    const bad = await cwb('catalog', 'show', '--framework', 'sox');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('Unknown framework "sox"');
  });

  it('coverage lists each requirement of a framework with the project’s controls and status', async () => {
    const { db, id } = await project('pci');
    await cwb('--db', db, 'control', 'set', '--project', id, '--control', 'DS-01', '--status', 'compliant');
    const r = await cwb('--db', db, 'catalog', 'coverage', '--project', id, '--framework', 'pci', '--json');
    const rows = JSON.parse(r.out) as Array<{ requirement: { id: string }; controls: Array<{ id: string; status: string }> }>;
    expect(rows.find((x) => x.requirement.id === '3.5.1')?.controls).toContainEqual(expect.objectContaining({ id: 'DS-01', status: 'compliant' }));
    expect(rows.find((x) => x.requirement.id === '5')).toMatchObject({ leaf: false, depth: 0, state: 'mapped', leaves: { mapped: 9 } });
    expect(rows.find((x) => x.requirement.id === '5.2.1')).toMatchObject({ leaf: true, depth: 2, parent: '5.2', state: 'mapped' });
    expect((await cwb('--db', db, 'catalog', 'coverage', '--project', id, '--framework', 'gdpr')).err).toContain('gdpr is not in the scope');
  });
});

describe('cwb report and package verify', () => {
  it('writes a summary PDF with --kind summary, telling its progress on stderr; a summary in Markdown is refused', async () => {
    const { db, id } = await project('hipaa,pci');
    await cwb('--db', db, 'control', 'set', '--project', id, '--control', 'DS-01', '--status', 'partial', '--note', 'checked ✅');
    const dir = tempDir();
    const out = join(dir, 'summary.pdf');
    const r = await cwb('--db', db, 'report', '--project', id, '--format', 'pdf', '--kind', 'summary', '--progress', '--out', out);
    expect(r, r.err).toMatchObject({ code: 0, err: expect.stringMatching(/^Reading the project…\n(.*\n)*Writing pages (\d+) of \2…\n$/) });
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Assessed controls');
    expect(text).toContain('✅');
    const md = join(dir, 'summary.md');
    const refused = await cwb('--db', db, 'report', '--project', id, '--format', 'md', '--kind', 'summary', '--out', md);
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('A summary report is made as PDF only') });
    expect(existsSync(md)).toBe(false);
  });

  it('writes each format, and a package that verifies until one byte changes', async () => {
    const { db, id } = await project('hipaa,pci');
    await cwb('--db', db, 'control', 'set', '--project', id, '--control', 'DS-01', '--status', 'partial', '--note', 'one | pipe <b>bold</b>');
    const dir = tempDir();
    for (const format of ['md', 'pdf', 'oscal', 'poam', 'csv']) {
      const out = join(dir, `report.${format}`);
      const r = await cwb('--db', db, 'report', '--project', id, '--format', format, '--out', out);
      expect(r, format).toMatchObject({ code: 0, err: '' });
      expect(readFileSync(out).length).toBeGreaterThan(100);
    }
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('Łódź claims');
    expect(execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' })).toContain('Łódź claims');
    const pkg = join(dir, 'evidence.zip');
    expect((await cwb('--db', db, 'report', '--project', id, '--format', 'zip', '--out', pkg)).code).toBe(0);
    const verified = await cwb('package', 'verify', pkg);
    expect(verified, verified.err).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: \d+ files match the manifest\.\nSigned: manifest.sha256 carries a valid signature by key [0-9a-f ]{39} /) });
    // an attacker edits one byte of the CSV and rebuilds a perfectly valid zip
    const entries = await readZip(pkg);
    const csv = entries.get('checklist.csv')!;
    csv[csv.length - 2] = csv[csv.length - 2]! ^ 0x01;
    const tampered = join(dir, 'tampered.zip');
    await writeZip(tampered, entries);
    const v = await cwb('package', 'verify', tampered);
    expect(v.code).toBe(1);
    expect(v.err).toContain('checklist.csv hash mismatch');
    // and an extra file slipped in is named too
    entries.set('evidence/extra.txt', Buffer.from('not in the manifest'));
    entries.set('checklist.csv', (await readZip(pkg)).get('checklist.csv')!);
    await writeZip(tampered, entries);
    expect((await cwb('package', 'verify', tampered)).err).toContain('evidence/extra.txt extra');
  }, 180_000); // renders every format of a 400-requirement project; slow on a loaded machine, and not timed

  it('refuses an unknown format or an unwritable path, leaving nothing behind', async () => {
    const { db, id } = await project('gdpr');
    expect(await cwb('--db', db, 'report', '--project', id, '--format', 'docx', '--out', join(tempDir(), 'x'))).toMatchObject({ code: 2, err: expect.stringContaining('Unknown format "docx"') });
    const missingDir = join(tempDir(), 'no', 'such', 'folder', 'r.md');
    expect(await cwb('--db', db, 'report', '--project', id, '--format', 'md', '--out', missingDir)).toMatchObject({ code: 1, err: expect.stringContaining('Nothing was written') });
    expect(existsSync(missingDir)).toBe(false);
    const dir = tempDir();
    expect(await cwb('--db', db, 'report', '--project', 'prj-nosuchthin', '--format', 'md', '--out', join(dir, 'r.md'))).toMatchObject({ code: 1, err: expect.stringContaining('No project') });
    expect(readdirSync(dir)).toEqual([]);
  });
});
