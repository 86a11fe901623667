// prowler -M json-ocsf: a top-level array of OCSF detection findings, read item by item when streamed.
import type { ScannerFinding } from '../../../../shared/analysis';
import type { ScannerDescriptor } from '../descriptor';
import { EXPECTED_PROWLER_OCSF, importProwlerOcsf, isOcsfShaped, ocsfStreamFinding } from '../scanners';

export const prowlerOcsf: ScannerDescriptor<'prowler-ocsf'> = {
  type: 'scanner',
  kind: 'prowler-ocsf',
  command: 'prowler aws -M json-ocsf',
  expected: EXPECTED_PROWLER_OCSF,
  detectJson: (r) => Array.isArray(r) && r.length > 0 && r.every(isOcsfShaped),
  import: ({ json }, { file, requirementControls }) => importProwlerOcsf(file, json, requirementControls),
  stream: {
    arrays: [''],
    open: ({ file, requirementControls }) => {
      const findings: ScannerFinding[] = [];
      return {
        item: (_array, value, index) => findings.push(ocsfStreamFinding(file, value, index, requirementControls)),
        end: () => findings,
      };
    },
  },
};
