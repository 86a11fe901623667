// The built-in catalog is loaded trusted at run time (catalog/builtin.ts: no schema pass, no
// cross-check); this is where the shipped data gets the full validation instead. A data file the
// parser would refuse, or that the parser would read differently (a title with spaces to trim, a
// framework out of order), fails here.
import { describe, expect, it } from 'vitest';
import { builtinCatalogFiles, joinTrustedFiles, loadBuiltinCatalog } from '../../../electron/core/catalog/builtin';
import { parseCatalogFiles } from '../../../electron/core/catalog/load';

describe('the built-in catalog, loaded trusted', () => {
  it('passes the full validation (schemas and cross-checks) of parseCatalogFiles', () => {
    expect(() => parseCatalogFiles(builtinCatalogFiles())).not.toThrow();
  });

  it('is exactly the catalog the full validation gives', () => {
    const validated = parseCatalogFiles(structuredClone(builtinCatalogFiles()));
    expect(loadBuiltinCatalog()).toEqual(validated);
    expect(loadBuiltinCatalog().frameworks.map((f) => f.id)).toEqual(['hipaa', 'gdpr', 'pci']);
    expect(loadBuiltinCatalog().controls.length).toBeGreaterThan(100);
    expect(Object.isFrozen(loadBuiltinCatalog().controls[0])).toBe(true);
  });

  it('would differ from the validated catalog where the data needs the parser (so the check above can fail)', () => {
    const files = structuredClone(builtinCatalogFiles()) as Array<{ name: string; content: { kind: string; title?: string; controls?: Array<{ title: string }> } }>;
    const controls = files.find((f) => f.content.kind === 'controls')!;
    controls.content.controls![0]!.title = `  ${controls.content.controls![0]!.title}  `;
    expect(joinTrustedFiles(files)).not.toEqual(parseCatalogFiles(structuredClone(files)));
    const swapped = [files[0]!, files[2]!, files[1]!, ...files.slice(3)];
    expect(joinTrustedFiles(swapped)).not.toEqual(parseCatalogFiles(structuredClone(swapped)));
  });
});
