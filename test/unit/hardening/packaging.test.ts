// Packaging: electron-builder cannot run here (it downloads Electron), so this checks what the
// packages depend on instead: the configuration has the shape we rely on, the files it puts in
// resources/ are where the packaged main process looks for them, the catalog travels inside the
// main bundle, everything the bundle imports is a production dependency, and the icon is a
// proper 512x512 PNG.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { build } from 'electron-vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILTIN_CATALOG_FILE_NAMES } from '../../../electron/core/catalog/builtin';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { defaultMigrationsDir, readMigrations } from '../../../electron/core/store/migrations';
import { WEB_PREFERENCES } from '../../../electron/main/security';
import { tempDir } from '../../helpers/workbench';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  productName: string; main: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string>;
};
const mainSource = readFileSync(join(repo, 'electron', 'main', 'index.ts'), 'utf8');
const environmentSource = readFileSync(join(repo, 'electron', 'main', 'environment.ts'), 'utf8');
const electronVersion = pkg.devDependencies.electron;

const Resource = z.object({ from: z.string().min(1), to: z.string().min(1), filter: z.array(z.string()).optional() }).strict();
const Target = z.array(z.string()).min(1);
/** What this project relies on in electron-builder.json; electron-builder's own schema allows much more. */
const BuilderConfig = z.object({
  $schema: z.string().optional(),
  appId: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/),
  productName: z.literal(pkg.productName),
  copyright: z.string(),
  directories: z.object({ output: z.literal('dist'), buildResources: z.literal('build') }).strict(),
  files: z.array(z.string()).min(1),
  extraResources: z.array(Resource),
  asar: z.literal(true),
  // flips Electron's fuses in the packed binary (test/unit/hardening/fuses.test.ts)
  afterPack: z.literal('scripts/electron-fuses.mjs'),
  // never rebuild native modules into node_modules: the Node tests use that build (TOOLCHAIN.md)
  npmRebuild: z.literal(false),
  nodeGypRebuild: z.literal(false),
  buildDependenciesFromSource: z.literal(false),
  icon: z.string(),
  linux: z.object({ target: Target, category: z.string(), icon: z.string(), synopsis: z.string(), maintainer: z.string().regex(/<[^@\s]+@[^>\s]+>$/) }).strict(),
  deb: z.object({ priority: z.string() }).strict(),
  mac: z.object({ target: Target, category: z.string().startsWith('public.app-category.'), icon: z.string() }).strict(),
  win: z.object({ target: Target, icon: z.string() }).strict(),
  nsis: z.object({ oneClick: z.boolean(), perMachine: z.boolean(), allowToChangeInstallationDirectory: z.boolean() }).strict(),
}).strict();

const config = BuilderConfig.parse(JSON.parse(readFileSync(join(repo, 'electron-builder.json'), 'utf8')));

/** Where electron/main/index.ts (and environment.ts, which it hands process.resourcesPath) looks under resources/, read from the source. */
function resourcePathsInMain(): string[] {
  return [...`${mainSource}\n${environmentSource}`.matchAll(/join\((?:process\.)?resourcesPath(?: \?\? '')?,((?:\s*'[^']+',?)+)\)/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/'([^']+)'/g)].map((p) => p[1]).join('/'));
}

describe('electron-builder configuration', () => {
  it('builds AppImage and deb for Linux, dmg for macOS and an NSIS installer for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const icon of [config.icon, config.linux.icon, config.mac.icon, config.win.icon]) expect(icon).toBe('build/icon.png');
  });

  it('packs the built app and leaves the Node-ABI SQLite module out', () => {
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('!node_modules/better-sqlite3/build/**');
    expect(pkg.scripts.dist).toContain('npm run -s build');
    expect(pkg.scripts.dist).toContain('--config electron-builder.json');
  });

  it('puts migrations and the Electron-ABI SQLite module exactly where the packaged main process looks', () => {
    expect(resourcePathsInMain().sort()).toEqual(['migrations', 'native/better_sqlite3.node']);
    expect(mainSource).toContain("migrationsDir: app.isPackaged ? join(process.resourcesPath, 'migrations') : undefined");
    const byTarget = new Map(config.extraResources.map((r) => [r.to, r]));
    expect([...byTarget.keys()].sort()).toEqual(['migrations', 'native/better_sqlite3.node']);
    expect(byTarget.get('migrations')).toEqual({ from: 'migrations', to: 'migrations', filter: ['*.sql'] });
    // the module `npm start` / `npm run dist` build with scripts/start-desktop.mjs, for this Electron
    expect(byTarget.get('native/better_sqlite3.node')?.from).toBe(`.native/electron-${electronVersion}/better_sqlite3.node`);
    const starter = readFileSync(join(repo, 'scripts', 'start-desktop.mjs'), 'utf8');
    expect(starter).toContain("join(root, '.native', `electron-${electronVersion}`)");
    expect(starter).toContain("join(nativeDir, 'better_sqlite3.node')");
    expect(JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')).version).toBe(electronVersion);
  });

  it('gives a packaged app every migration, byte for byte, in resources/migrations', () => {
    // lay out resources/ the way electron-builder copies extraResources, then read it as main would
    const resources = join(tempDir(), 'resources');
    for (const r of config.extraResources) {
      const from = join(repo, r.from);
      const to = join(resources, r.to);
      if (r.from.startsWith('.native/')) {
        mkdirSync(join(to, '..'), { recursive: true });
        if (existsSync(from)) copyFileSync(from, to);
        else writeFileSync(to, 'built by npm run dist');
        continue;
      }
      cpSync(from, to, { recursive: true, filter: (src) => !r.filter || src === from || r.filter.some((f) => src.endsWith(f.replace('*', ''))) });
    }
    expect(readdirSync(join(resources, 'migrations')).every((f) => f.endsWith('.sql'))).toBe(true);
    expect(readMigrations(join(resources, 'migrations'))).toEqual(readMigrations(defaultMigrationsDir()));
    expect(existsSync(join(resources, 'native', 'better_sqlite3.node'))).toBe(true);
  });

  it('repeats in the window the security options the scanner looks for, with the values of WEB_PREFERENCES', () => {
    const literal = /webPreferences: \{([\s\S]*?)\n {4}\},/.exec(mainSource)?.[1] ?? '';
    expect(literal).toContain('...WEB_PREFERENCES,');
    const repeated = [...literal.matchAll(/^\s+(\w+): (true|false|'[^']*'),$/gm)].map((m) => [m[1], m[2]] as const);
    expect(repeated.map(([k]) => k).sort()).toEqual(['contextIsolation', 'disableBlinkFeatures', 'nodeIntegration', 'sandbox']);
    for (const [key, value] of repeated) expect(JSON.stringify(WEB_PREFERENCES[key as keyof typeof WEB_PREFERENCES]).replace(/"/g, "'"), key).toBe(value);
  });
});

describe('the main bundle (electron-vite build of electron/main)', () => {
  let bundle = '';
  const cacheDir = join(repo, 'node_modules', '.cache', `cwb-packaging-${process.pid}-${randomBytes(4).toString('hex')}`);
  beforeAll(async () => {
    // the project's own electron-vite config, main only, written to a temp folder; the config file
    // sits under node_modules so its imports resolve
    mkdirSync(cacheDir, { recursive: true });
    const configFile = join(cacheDir, 'electron.vite.config.mjs');
    writeFileSync(configFile, `import config from ${JSON.stringify(join(repo, 'electron.vite.config.ts'))};\nexport default { main: { ...config.main, build: { ...config.main.build, outDir: ${JSON.stringify(join(cacheDir, 'main'))} } } };\n`);
    await build({ configFile, root: repo, logLevel: 'silent' });
    // index.js and the chunks it shares with the compiled cwb and browser host (out/main/chunks)
    const out = join(cacheDir, 'main');
    bundle = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .sort()
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n');
  }, 60_000);
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('carries the whole built-in catalog beside it (catalog-data/, packed in the asar with the code) and reads it from there', () => {
    const catalog = loadBuiltinCatalog();
    const out = join(cacheDir, 'main');
    // the data files, whole and unchanged, where builtin.ts looks for them in a build
    for (const name of BUILTIN_CATALOG_FILE_NAMES) {
      const shipped = join(out, 'catalog-data', name);
      expect(existsSync(shipped), name).toBe(true);
      expect(JSON.parse(readFileSync(shipped, 'utf8')), name).toEqual(JSON.parse(readFileSync(join(repo, 'electron', 'core', 'catalog', 'data', name), 'utf8')));
    }
    // read as data: the controls' text is not compiled into the code
    expect(bundle).not.toContain(JSON.stringify(catalog.controls[0]!.objective));
    expect(bundle).toContain('catalog-data');
    // electron-builder packs out/**: the data files go into the app with the code that reads them
    expect(config.files).toContain('out/**/*');
  });

  it('imports only Node built-ins, electron and production dependencies (which electron-builder packs)', () => {
    const specifiers = new Set<string>();
    // static imports, dynamic imports, require() and createRequire(...).resolve()
    for (const m of bundle.matchAll(/\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|(?:\brequire|\.resolve)\(\s*[`"]([^`"$]+)/g)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (spec.startsWith('.') || spec.startsWith('/')) continue;
      specifiers.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
    const builtins = new Set([...builtinModules, ...builtinModules.map((b) => `node:${b}`)]);
    const outside = [...specifiers].filter((s) => !builtins.has(s) && s !== 'electron' && !(s in pkg.dependencies));
    expect(outside).toEqual([]);
    expect(specifiers).toContain('better-sqlite3');
    expect(specifiers).toContain('dejavu-fonts-ttf');
  });
});

describe('the app icon', () => {
  it('is a 512x512 RGBA PNG with valid chunks', () => {
    const png = readFileSync(join(repo, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks: Array<{ type: string; data: Buffer }> = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([512, 512, 8, 6]);
    expect(inflateSync(chunks[1]!.data).length).toBe(512 * (1 + 512 * 4));
  });
});
