// aws securityhub get-findings ({"Findings": [...]}) or prowler -M json-asff (a top-level array).
import type { ScannerFinding } from '../../../../shared/analysis';
import type { ScannerDescriptor } from '../descriptor';
import { EXPECTED_SECURITY_HUB, importSecurityHub, isAsffShaped, securityHubStreamFinding } from '../scanners';
import { isRecord } from '../shape';

export const securityHubFindings: ScannerDescriptor<'securityhub-findings'> = {
  type: 'scanner',
  kind: 'securityhub-findings',
  command: 'aws securityhub get-findings',
  expected: EXPECTED_SECURITY_HUB,
  detectJson: (r) => (Array.isArray(r) ? r.length > 0 && r.every((f) => isAsffShaped(f) && isRecord(f) && 'ProductArn' in f) : isRecord(r) && Array.isArray(r['Findings'])),
  import: ({ json }, { file, requirementControls }) => importSecurityHub(file, json, requirementControls),
  morePages: (top) =>
    typeof top?.['NextToken'] === 'string' && top['NextToken'] !== ''
      ? 'it is one page of several (its NextToken is set, as with --max-items): findings on later pages were not read. Export again without --max-items and the AWS CLI fetches every page.'
      : null,
  stream: {
    arrays: ['', 'Findings'],
    open: ({ file, requirementControls }) => {
      const findings: ScannerFinding[] = [];
      return {
        item: (_array, value, index) => findings.push(securityHubStreamFinding(file, value, index, requirementControls)),
        end: () => findings,
      };
    },
  },
};
