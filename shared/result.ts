// The envelope every API call answers with, whatever carries it (IPC, HTTP, CLI).
import { z } from 'zod';

export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'TOO_LARGE',
  'DB_MISSING',
  'DB_CORRUPT',
  'DB_NEWER',
  'DB_BUSY',
  'MIGRATION_CHANGED',
  'CATALOG_INVALID',
  'DOCUMENT_INVALID',
  'BUNDLE_INVALID',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type WireError = z.infer<typeof WireError>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const Envelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireError }),
]);
