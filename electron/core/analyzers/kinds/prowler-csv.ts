// prowler -M csv: the default CSV, semicolon-separated, one row per finding.
import type { ScannerDescriptor } from '../descriptor';
import { AnalyzerError } from '../errors';
import { EXPECTED_PROWLER_DEFAULT_CSV, importProwlerDefaultCsv, looksLikeProwlerDefaultCsv } from '../scanners';

export const prowlerCsv: ScannerDescriptor<'prowler-csv'> = {
  type: 'scanner',
  kind: 'prowler-csv',
  command: 'prowler aws -M csv',
  expected: EXPECTED_PROWLER_DEFAULT_CSV,
  acceptsText: true,
  detectText: looksLikeProwlerDefaultCsv,
  import: (content, { file, requirementControls }) => {
    if (content.isJson) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is JSON, not CSV', EXPECTED_PROWLER_DEFAULT_CSV);
    return importProwlerDefaultCsv(file, content.text, requirementControls);
  },
};
