// What the contract's method groups share: the way a method is declared, the references most
// methods take, and the records several groups answer with (a file, a job).
import { z } from 'zod';
import { WireError } from './result';
import { lazySchema } from './lazy-schema';

/**
 * A method: the schema of its arguments and of its result, each built the first time it is used
 * (shared/lazy-schema.ts): a process that calls one method builds that method's schemas alone.
 */
export const method = <A extends z.ZodType, R extends z.ZodType>(args: () => A, result: () => R) => ({
  args: lazySchema(args),
  result: lazySchema(result),
});

export const ProjectRef = lazySchema(() => z.object({ projectId: z.string().min(1, 'a project id is required') }));
export const ControlRef = lazySchema(() => ProjectRef.extend({ controlId: z.string().min(1, 'a control id is required') }));

export const EXPORT_FORMATS = ['md', 'pdf', 'oscal', 'poam', 'csv', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportedFile = lazySchema(() => z.object({ fileName: z.string(), mediaType: z.string(), contentBase64: z.string() }));

export const Job = lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(['running', 'done', 'failed', 'cancelled']),
    /** Where a job of several stages is, in words ("Writing pages"); null for a job of one stage. */
    stage: z.string().nullable().optional(),
    done: z.number(),
    total: z.number(),
    result: z.unknown(),
    error: WireError.nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
  }),
);
export type Job = z.infer<typeof Job>;

export const DatasetRef = lazySchema(() => z.object({ datasetId: z.string().regex(/^ds-[0-9a-f]{16}$/, 'not a dataset id') }));
export const DatasetInfo = lazySchema(() => z.object({ datasetId: z.string(), name: z.string(), bytes: z.number().int() }));
/**
 * A file a method reads: its bytes carried in the call (the app's pickers), or a file already in
 * the dataset workspace (a chunked upload, or a local file that `cwb` brought in by reference).
 */
export const FileInput = lazySchema(() => z.union([z.object({ fileName: z.string().min(1), contentBase64: z.string() }), DatasetRef]));
