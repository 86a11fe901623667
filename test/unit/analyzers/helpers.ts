// Shared by the analyzer tests: load a fixture as the bytes a user would drop, analyse it, and
// reduce findings to the stable parts tests assert on (code, severity, path).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult, AnalyzedDocument, DocumentKind, Finding, ScannerImport } from '../../../shared/analysis';
import type { FrameworkId } from '../../../shared/domain';
import { type AnalyzeInput, analyzeDocument } from '../../../electron/core/analyzers/index';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/aws/', import.meta.url));
/** "Now" for every test: keeps access-key ages fixed. */
export const NOW = new Date('2025-06-01T00:00:00Z');

export function fixtureBytes(kind: string, name: string): Buffer {
  return readFileSync(join(FIXTURES, kind, name));
}

export function allFixtures(): Array<{ kind: string; name: string }> {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(FIXTURES, d.name)).sort().map((name) => ({ kind: d.name, name })));
}

export function analyzeFixture(kind: string, name: string, extra: Partial<AnalyzeInput> = {}): AnalysisResult {
  return analyzeDocument({ file: name, content: fixtureBytes(kind, name), now: NOW, ...extra });
}

export function documentOf(kind: DocumentKind, name: string, extra: Partial<AnalyzeInput> = {}): AnalyzedDocument {
  const result = analyzeFixture(kind, name, extra);
  if (result.type !== 'document') throw new Error(`${name} was not analysed as a configuration document`);
  return result;
}

export function importOf(kind: DocumentKind, name: string, extra: Partial<AnalyzeInput> = {}): ScannerImport {
  const result = analyzeFixture(kind, name, extra);
  if (result.type !== 'scanner') throw new Error(`${name} was not read as a scanner import`);
  return result;
}

/** The stable parts of findings: [code, severity, path]. */
export function brief(findings: readonly Finding[]): Array<[string, string, string]> {
  return findings.map((f) => [f.code, f.severity, f.path]);
}

export function aboveInfo(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}

/** A stand-in for the catalog's requirement → controls mapping (the real one lives elsewhere). */
export const CATALOG: Record<string, string[]> = {
  'hipaa|164.312(b)': ['LM-01', 'LM-05'],
  'hipaa|164.312(a)(2)(iv)': ['DS-01', 'DS-03', 'MP-01'],
  'hipaa|164.312(e)(1)': ['DS-05', 'DS-06'],
  'hipaa|164.312(a)(1)': ['AC-06', 'MP-05'],
  'hipaa|164.308(a)(5)(ii)(B)': ['MP-08'],
  'gdpr|Art. 32': ['DS-01', 'DS-05'],
  'pci|3.7.4': ['DS-03'],
  'pci|10.2.1': ['LM-01', 'LM-04'],
  'pci|7.2.1': ['AC-05', 'AC-06'],
};
export const requirementControls = (framework: FrameworkId, requirement: string): string[] =>
  CATALOG[`${framework}|${requirement}`] ?? [];
