// aws iam get-account-authorization-details: the whole account's identities. When streamed, its four
// lists arrive item by item; of each managed policy only the default version is kept (the others
// are what makes real exports large), as compact JSON text until the account is judged as a whole
// (a parsed tree takes several times the memory of its text; the analysis reads either).
import type { ConfigurationDescriptor } from '../descriptor';
import { analyzeAuthorizationDetails, EXPECTED_AUTHORIZATION_DETAILS } from '../iam-authorization';
import { type JsonRecord, isRecord, list } from '../shape';

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** A managed policy with only the version that is in force (what the analysis reads), its document as text. */
function withDefaultVersionOnly(policy: unknown): unknown {
  if (!isRecord(policy)) return policy;
  const versions = list(policy['PolicyVersionList']).filter(isRecord);
  const current = versions.find((v) => v['IsDefaultVersion'] === true) ?? versions.find((v) => v['VersionId'] === policy['DefaultVersionId']);
  const document = current?.['Document'];
  const kept = current && isRecord(document) ? { ...current, Document: JSON.stringify(document) } : current;
  return { ...policy, PolicyVersionList: kept ? [kept] : [] };
}

export const iamAuthorizationDetails: ConfigurationDescriptor<'iam-authorization-details'> = {
  type: 'document',
  kind: 'iam-authorization-details',
  command: 'aws iam get-account-authorization-details',
  expected: EXPECTED_AUTHORIZATION_DETAILS,
  // The whole account's identities: what a single policy cannot show (who holds it) is here.
  evidences: ['AC-06', 'AC-07', 'AC-08', 'AC-09'],
  detectJson: (r) => isRecord(r) && (Array.isArray(r['UserDetailList']) || Array.isArray(r['RoleDetailList']) || Array.isArray(r['GroupDetailList'])),
  analyze: ({ json }, { file, evidences }) => analyzeAuthorizationDetails(file, json, evidences),
  stream: {
    arrays: LISTS,
    open: ({ file, evidences }) => {
      const lists = new Map<string, unknown[]>();
      return {
        item: (array, value) => {
          let items = lists.get(array);
          if (!items) lists.set(array, (items = []));
          items.push(array === 'Policies' ? withDefaultVersionOnly(value) : value);
        },
        end: (rest) => {
          const root: JsonRecord = { ...rest };
          for (const [name, items] of lists) root[name] = items;
          return analyzeAuthorizationDetails(file, root, evidences);
        },
      };
    },
  },
};
