// Prowler's output/compliance/*.csv (semicolon-separated, one row per requirement and check).
import type { ScannerDescriptor } from '../descriptor';
import { AnalyzerError } from '../errors';
import { EXPECTED_PROWLER_CSV, importProwlerComplianceCsv, looksLikeProwlerComplianceCsv } from '../scanners';

export const prowlerComplianceCsv: ScannerDescriptor<'prowler-compliance-csv'> = {
  type: 'scanner',
  kind: 'prowler-compliance-csv',
  command: 'prowler aws --compliance <framework> (output/compliance/*.csv)',
  expected: EXPECTED_PROWLER_CSV,
  acceptsText: true,
  detectText: looksLikeProwlerComplianceCsv,
  import: (content, { file, requirementControls }) => {
    if (content.isJson) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is JSON, not CSV', EXPECTED_PROWLER_CSV);
    return importProwlerComplianceCsv(file, content.text, requirementControls);
  },
};
