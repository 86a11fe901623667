// Contracts of the data protection toolkit: what a PII scan reports, how a masking rule is written
// (users keep rule files next to datasets, so they are parsed with these schemas), and what a
// k-anonymity check answers. Pure zod; imports nothing of the app.
import { z } from 'zod';
import { PII_ENTITIES } from './pii-entities';

export { PII_ENTITIES };

export const PiiEntity = z.enum(PII_ENTITIES);
export type PiiEntity = z.infer<typeof PiiEntity>;

export const PII_ENTITY_LABELS: Record<PiiEntity, string> = {
  EMAIL_ADDRESS: 'Email address',
  US_SSN: 'US Social Security number',
  CREDIT_CARD: 'Payment card number',
  PHONE_NUMBER: 'Phone number',
  IP_ADDRESS: 'IP address',
  IBAN_CODE: 'IBAN',
  AWS_ACCESS_KEY: 'AWS access key id',
  US_PASSPORT: 'US passport number',
  DATE_OF_BIRTH: 'Date of birth',
};

export const DATA_FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'text'] as const;
export const DataFormat = z.enum(DATA_FORMATS);
export type DataFormat = z.infer<typeof DataFormat>;

/** Stable codes of the errors a dataset or a rule file can raise; messages name file and line. */
export const DATA_FILE_ERROR_CODES = [
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'BINARY_FILE',
  'CSV_SYNTAX',
  'RAGGED_ROW',
  'JSON_SYNTAX',
  'FIELD_TOO_LONG',
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  'RULES_INVALID',
  'KEY_REQUIRED',
  'SAME_FILE',
  'WRITE_FAILED',
] as const;
export const DataFileErrorCode = z.enum(DATA_FILE_ERROR_CODES);
export type DataFileErrorCode = z.infer<typeof DataFileErrorCode>;

export const PiiFinding = z.object({
  entity: PiiEntity,
  /** CSV/TSV header name, JSON key path (`customer.email`, `items[].card`), or `(text)`. */
  column: z.string(),
  count: z.number().int().nonnegative(),
  /** At most three masked examples; a raw value never appears here. */
  samples: z.array(z.string()).max(3),
});
export type PiiFinding = z.infer<typeof PiiFinding>;

export const ScanResult = z.object({
  file: z.string(),
  format: DataFormat,
  /** Data rows: CSV rows after the header, JSON records, JSONL lines, text lines. */
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** Every column or key path seen (key paths capped), so a UI can offer masking rules. */
  columns: z.array(z.string()),
  findings: z.array(PiiFinding),
});
export type ScanResult = z.infer<typeof ScanResult>;

// ---- masking ---------------------------------------------------------------------------------

const ColumnName = z.string().min(1, 'a rule names a column');

/** How `generalize` coarsens a value; also what a k-anonymity suggestion proposes. */
export const Generalization = z.discriminatedUnion('kind', [
  /** 37 with width 10 becomes "30-39". */
  z.object({ kind: z.literal('numberRange'), width: z.number().positive() }),
  /** 1985-03-14 becomes "1985-03" (month) or "1985" (year). */
  z.object({ kind: z.literal('date'), precision: z.enum(['month', 'year']) }),
  /** 94107 with keep 3 becomes "941**". */
  z.object({ kind: z.literal('postcode'), keep: z.number().int().min(0).max(10) }),
]);
export type Generalization = z.infer<typeof Generalization>;

export const MaskRule = z.discriminatedUnion('method', [
  z.object({
    column: ColumnName,
    method: z.literal('redact'),
    replacement: z.string().max(100).default('[REDACTED]'),
  }),
  z.object({
    column: ColumnName,
    method: z.literal('partial'),
    /** Characters kept at the end; every other letter or digit becomes maskChar. */
    keepLast: z.number().int().min(0).max(64),
    maskChar: z.string().length(1).default('*'),
  }),
  z.object({
    column: ColumnName,
    method: z.literal('pseudonymize'),
    /** Hex characters of the HMAC-SHA256 kept (16 = 64 bits). The key is passed at run time. */
    length: z.number().int().min(8).max(64).default(16),
    prefix: z.string().max(20).default(''),
  }),
  z.object({ column: ColumnName, method: z.literal('generalize'), to: Generalization }),
  z.object({ column: ColumnName, method: z.literal('suppress') }),
]);
export type MaskRule = z.infer<typeof MaskRule>;
export type MaskRuleInput = z.input<typeof MaskRule>;
export type MaskMethod = MaskRule['method'];

export const MaskRules = z
  .object({ rules: z.array(MaskRule).min(1, 'a rule file needs at least one rule') })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.rules.forEach((rule, index) => {
      if (seen.has(rule.column)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'column'],
          message: `column "${rule.column}" has more than one rule`,
        });
      }
      seen.add(rule.column);
    });
  });
export type MaskRules = z.infer<typeof MaskRules>;
export type MaskRulesInput = z.input<typeof MaskRules>;

export const MaskColumnSummary = z.object({
  column: z.string(),
  method: z.enum(['redact', 'partial', 'pseudonymize', 'generalize', 'suppress']),
  /** Non-empty cells the rule changed. */
  cells: z.number().int().nonnegative(),
  /** Cells `generalize` could not read as its kind; they are written as "*". */
  unreadable: z.number().int().nonnegative(),
});
export type MaskColumnSummary = z.infer<typeof MaskColumnSummary>;

export const MaskResult = z.object({
  outPath: z.string(),
  rows: z.number().int().nonnegative(),
  columns: z.array(MaskColumnSummary),
});
export type MaskResult = z.infer<typeof MaskResult>;

// ---- k-anonymity -----------------------------------------------------------------------------

export const ClassSizeBucket = z.object({
  /** Equivalence class size (rows sharing one combination of quasi-identifier values). */
  size: z.number().int().positive(),
  classes: z.number().int().positive(),
  rows: z.number().int().positive(),
});
export type ClassSizeBucket = z.infer<typeof ClassSizeBucket>;

export const KAnonymitySuggestion = z.object({
  /** One entry per quasi-identifier; `rule: null` keeps the column as it is. */
  columns: z.array(z.object({ column: z.string(), rule: MaskRule.nullable() })),
  /** k of the generalized table before any row is suppressed. */
  kBeforeSuppression: z.number().int().nonnegative(),
  /** Rows still in classes smaller than the target: dropping them reaches the target. */
  suppressedRows: z.number().int().nonnegative(),
  suppressedPercent: z.number().nonnegative(),
  classes: z.number().int().nonnegative(),
  /** Generalization steps taken, summed over columns (0 = none). Smaller is less loss. */
  height: z.number().int().nonnegative(),
});
export type KAnonymitySuggestion = z.infer<typeof KAnonymitySuggestion>;

export const KAnonymityReport = z.object({
  file: z.string(),
  rows: z.number().int().nonnegative(),
  quasiIdentifiers: z.array(z.string()),
  targetK: z.number().int().positive(),
  /** Smallest equivalence class (0 for a file without rows). */
  k: z.number().int().nonnegative(),
  classes: z.number().int().nonnegative(),
  distribution: z.array(ClassSizeBucket),
  rowsBelowTarget: z.number().int().nonnegative(),
  classesBelowTarget: z.number().int().nonnegative(),
  /** Already k-anonymous: null. Otherwise the least generalization found, or null if none. */
  suggestion: KAnonymitySuggestion.nullable(),
  /** Why no suggestion, or what it assumed (e.g. the suppression budget). */
  note: z.string(),
});
export type KAnonymityReport = z.infer<typeof KAnonymityReport>;
