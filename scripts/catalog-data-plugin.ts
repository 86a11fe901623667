// A vite plugin for the main build: copies the built-in catalog's data files (JSON) into
// out/main/catalog-data/, where electron/core/catalog/builtin.ts reads them at run time. They are
// read as data, not bundled as code: compiling them as a module cost `cwb control list` some 20 ms.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { BUILTIN_CATALOG_FILE_NAMES } from '../electron/core/catalog/builtin';

/** Relative to the folder the build runs in, as electron.vite.config.ts names its inputs. */
const SOURCE_DIR = resolve('electron/core/catalog/data');

export function catalogDataPlugin(): Plugin {
  return {
    name: 'cwb-catalog-data',
    apply: 'build',
    generateBundle() {
      for (const name of BUILTIN_CATALOG_FILE_NAMES) {
        // parsed and written again: a file that is not JSON fails the build, not the first start
        const content = JSON.parse(readFileSync(join(SOURCE_DIR, name), 'utf8')) as unknown;
        this.emitFile({ type: 'asset', fileName: `catalog-data/${name}`, source: `${JSON.stringify(content)}\n` });
      }
    },
  };
}
