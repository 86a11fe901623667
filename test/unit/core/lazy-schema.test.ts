// Schemas built on first use (shared/lazy-schema.ts): a lazy schema parses, refuses and composes
// exactly as the schema it stands for, and loading the contract's modules builds none of them.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { lazySchema } from '../../../shared/lazy-schema';

describe('a lazy schema', () => {
  it('is built once, on first use, and not before', () => {
    const build = vi.fn(() => z.object({ name: z.string().min(1, 'a name is required') }));
    const Lazy = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    expect(Lazy.parse({ name: 'Ada' })).toEqual({ name: 'Ada' });
    expect(Lazy.safeParse({ name: 'Linus' }).success).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('refuses with the words of the real schema', () => {
    const real = z.object({ owner: z.string().max(3, 'an owner has at most 3 characters') }).strict();
    const lazy = lazySchema(() => z.object({ owner: z.string().max(3, 'an owner has at most 3 characters') }).strict());
    for (const input of [{ owner: 'Grace' }, { owner: 7 }, { owner: 'ok', extra: 1 }, null]) {
      const a = real.safeParse(input);
      const b = lazy.safeParse(input);
      expect(b.success).toBe(a.success);
      expect(b.error?.issues).toEqual(a.error?.issues);
    }
  });

  it('composes as the real schema: extend, shape, optional, nested, and instanceof', () => {
    const Ref = lazySchema(() => z.object({ projectId: z.string().min(1) }));
    const Status = lazySchema(() => z.enum(['open', 'done']));
    const Call = Ref.extend({ status: Status.optional(), tags: z.array(Status) });
    expect(Call.parse({ projectId: 'prj-1', tags: ['done'] })).toEqual({ projectId: 'prj-1', tags: ['done'] });
    expect(Call.safeParse({ projectId: 'prj-1', tags: ['later'] }).success).toBe(false);
    expect(Object.keys(Ref.shape)).toEqual(['projectId']);
    expect(Status.options).toEqual(['open', 'done']);
    expect(Ref).toBeInstanceOf(z.ZodObject);
    expect(z.object({ ref: Ref }).safeParse({ ref: { projectId: '' } }).success).toBe(false);
    expect(Status.parse('open')).toBe('open');
  });

  it('is not built by loading the domain, catalog, records and project-contract modules', async () => {
    vi.resetModules();
    const lazy = await import('../../../shared/lazy-schema');
    const { projectsContract } = await import('../../../shared/contract-projects');
    await import('../../../shared/domain');
    await import('../../../shared/catalog');
    await import('../../../shared/records');
    expect(lazy.lazySchemasBuilt()).toBe(0);
    // a call parses its arguments: only the schemas that takes are built
    const args = projectsContract.getChecklist.args.parse({ projectId: 'prj-abcdefghij', statuses: ['compliant'] });
    expect(args).toEqual({ projectId: 'prj-abcdefghij', statuses: ['compliant'] });
    const built = lazy.lazySchemasBuilt();
    expect(built).toBeGreaterThan(0);
    expect(built).toBeLessThan(6);
  });
});
