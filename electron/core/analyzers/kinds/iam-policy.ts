// aws iam get-policy-version | get-role-policy | get-user-policy | get-group-policy, or a raw identity policy.
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeIamPolicy, EXPECTED_IAM_POLICY, extractIamPolicy, policyKindOf } from '../iam';
import { isRecord } from '../shape';

export const iamPolicy: ConfigurationDescriptor<'iam-policy'> = {
  type: 'document',
  kind: 'iam-policy',
  command: 'aws iam get-policy-version (or get-role-policy, get-user-policy, get-group-policy)',
  expected: EXPECTED_IAM_POLICY,
  evidences: ['AC-06', 'AC-07', 'AC-08', 'AC-09'],
  detectJson: (r) => isRecord(r) && (r['Statement'] !== undefined
    ? policyKindOf(r) === 'iam-policy'
    : (isRecord(r['PolicyVersion']) && r['PolicyVersion']['Document'] !== undefined) || r['PolicyDocument'] !== undefined),
  analyze: ({ json }, { file, evidences }) => {
    const { doc, subject, principal } = extractIamPolicy(file, json);
    return { findings: analyzeIamPolicy(doc, principal), subject, evidences: [...evidences] };
  },
};
