// Hints for the documents people most often drop by mistake. Which kind a document is, is asked of
// each kind's descriptor in turn (kinds/*.ts, in the order of registry.ts).
import { isRecord, list } from './shape';

/** A hint for the documents people most often drop by mistake, to put in the refusal. */
export function unknownKindHint(json: unknown): string {
  if (isRecord(json)) {
    if (isRecord(json['Policy'])) return 'This is the output of aws iam get-policy (metadata only); run aws iam get-policy-version with the DefaultVersionId to get the document';
    if (typeof json['EndpointName'] === 'string') return 'This is the output of aws sagemaker describe-endpoint; run describe-endpoint-config on its EndpointConfigName';
    if (json['Statement'] !== undefined) return 'This policy names a Principal but no S3 resource (a trust or other resource policy), which is not analysed';
    if (isRecord(json['Role']) || isRecord(json['User'])) return 'This is the output of aws iam get-role/get-user; run get-role-policy or get-policy-version for the policies';
    if (list(json['NotebookInstances']).length > 0 || list(json['TrainingJobSummaries']).length > 0) return 'This is a list-* output; run the matching describe-* command for each item';
  }
  return '';
}
