// Careful readers of untrusted JSON: every value is `unknown` until one of these has looked at it,
// so a strange document yields findings or a clear refusal, never a TypeError.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string after trimming, or undefined. */
export function filled(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Strings or string arrays, as IAM and many AWS fields allow; other values are dropped. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return list(value).filter((v): v is string => typeof v === 'string');
}

/** Quote a value from a document for a message, shortened so one field cannot flood the text. */
export function quote(value: string, max = 80): string {
  const short = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return `"${short}"`;
}

/** A short list for a message: `a, b, c and 4 more`. */
export function listOf(items: readonly string[], max = 4): string {
  const shown = items.slice(0, max).map((i) => quote(i, 60));
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
