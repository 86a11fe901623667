// Errors the report code raises for things a person can fix (bad model, unwritable folder,
// damaged package). They travel as WorkbenchError so every transport reports them the same way;
// `reason` is the stable, report-specific code a caller can branch on.
import { WorkbenchError } from '../errors';
import type { ErrorCode } from '../../../shared/result';

export type ReportErrorReason =
  | 'model_invalid'
  | 'format_unknown'
  | 'nothing_to_remediate'
  | 'output_unwritable'
  | 'evidence_unreadable'
  | 'package_unreadable'
  | 'package_unsafe_entry';

const WIRE_CODE: Record<ReportErrorReason, ErrorCode> = {
  model_invalid: 'INVALID_INPUT',
  format_unknown: 'INVALID_INPUT',
  nothing_to_remediate: 'CONFLICT',
  output_unwritable: 'INVALID_INPUT',
  evidence_unreadable: 'NOT_FOUND',
  package_unreadable: 'BUNDLE_INVALID',
  package_unsafe_entry: 'BUNDLE_INVALID',
};

export class ReportError extends WorkbenchError {
  readonly reason: ReportErrorReason;

  constructor(reason: ReportErrorReason, message: string, details?: unknown) {
    super(WIRE_CODE[reason], message, details);
    this.name = 'ReportError';
    this.reason = reason;
  }
}
