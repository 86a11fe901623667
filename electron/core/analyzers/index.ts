// Entry point of the evidence analyzers: reads one dropped file (whole, or as a stream), recognises
// (or is told) its kind, and returns either the findings on an AWS configuration document or another
// scanner's findings. Pure: no file system, no database; the caller stores what it keeps. Each kind
// is a descriptor in kinds/, listed in registry.ts; engine.ts runs them.
import type { AnalysisResult, AnalyzedDocument, DocumentKind, ScannerImport } from '../../../shared/analysis';
import type { AccountOutcome, AnalyzeInput, AnalyzeStreamInput } from './engine';
import { ANALYZERS } from './registry';

export { AnalyzerError } from './errors';
export { coverageGaps, suggestStatuses, suggestStatusesForResults, type CoverageGap } from './suggest';
export { CODE_CONTROLS } from './controls';
export { CONTROL_REQUIRES, DESCRIPTORS, EXPECTED_BY_KIND, KIND_COMMANDS, KIND_EVIDENCES } from './registry';
export { PROWLER_CHECK_CONTROLS, SECURITY_HUB_CONTROL_CONTROLS, controlsForCheck } from './checks';
export { normalizeRequirement, requirementsFromReference } from './requirements';
export { createAnalyzers, type AccountOutcome, type AnalyzeInput, type AnalyzeStreamInput, type Analyzers } from './engine';
export type { Descriptor, ConfigurationDescriptor, ScannerDescriptor } from './descriptor';

/**
 * Analyse one document. Returns an AnalyzedDocument for AWS configuration output, a ScannerImport
 * for Prowler / Security Hub output. Throws AnalyzerError (never anything else for bad input) when
 * the file cannot be read, has no known shape, or does not fit the kind it was given.
 */
export function analyzeDocument(input: AnalyzeInput): AnalysisResult {
  return ANALYZERS.analyzeDocument(input);
}

/** Several documents of one account together (describe-vpcs tells describe-flow-logs which VPCs to cover). */
export function analyzeAccount(inputs: readonly AnalyzeInput[]): AccountOutcome[] {
  return ANALYZERS.analyzeAccount(inputs);
}

/** One document from a stream of chunks (e.g. fs.createReadStream): large exports never whole in memory. */
export function analyzeDocumentStream(input: AnalyzeStreamInput): Promise<AnalysisResult> {
  return ANALYZERS.analyzeDocumentStream(input);
}

export function detectJsonKind(json: unknown): DocumentKind | null {
  return ANALYZERS.detectJsonKind(json);
}

export function detectTextKind(text: string): DocumentKind | null {
  return ANALYZERS.detectTextKind(text);
}

export type { AnalysisResult, AnalyzedDocument, ScannerImport };
