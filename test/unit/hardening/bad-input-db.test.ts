// Bad input at the level where it could do harm: random, truncated and oversized documents sent
// through the contract (dispatch, as IPC and HTTP do) to the methods that write. Each call either
// succeeds with exactly its own rows, or answers a typed error (never INTERNAL) and leaves the
// database exactly as it was. The analyzers, the PII scanner, the catalog loader and the package
// verifier have their own function-level property tests next to them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { ERROR_CODES } from '../../../shared/result';
import { testWorkbench } from '../../helpers/workbench';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { fingerprint, rowCounts } from '../../helpers/db-fingerprint';
import { allFixtures, fixtureBytes } from '../analyzers/helpers';

type Wb = Awaited<ReturnType<typeof testWorkbench>>;
type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const RUNS = 60;
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** The built-in catalog, so analyzer findings map to controls in scope and evidence gets attached. */
async function setup(builtin = true): Promise<{ wb: Wb; projectId: string }> {
  const wb = await testWorkbench(builtin ? { catalog: loadBuiltinCatalog() } : {});
  const made = (await dispatch(wb.handlers, 'createProject', { name: 'Bad input', frameworks: ['hipaa', 'gdpr', 'pci'] })) as Reply;
  if (!made.ok) throw new Error(made.error.message);
  return { wb, projectId: (made.value as { id: string }).id };
}

/** Calls the method; a refusal must be typed and change nothing. Returns the reply for more checks. */
async function callSafely(wb: Wb, method: string, args: unknown): Promise<Reply> {
  const before = fingerprint(wb.ctx.db);
  const reply = (await dispatch(wb.handlers, method, args, () => undefined)) as Reply;
  if (!reply.ok) {
    expect(ERROR_CODES, `${method}: ${reply.error.message}`).toContain(reply.error.code);
    expect(reply.error.code, `${method} crashed inside: ${reply.error.message}`).not.toBe('INTERNAL');
    expect(reply.error.message.length).toBeGreaterThan(10);
    expect(fingerprint(wb.ctx.db), `${method} refused with ${reply.error.code} but changed the database`).toBe(before);
  }
  return reply;
}

const fixtures = allFixtures();
const fixture = fc.constantFrom(...fixtures);

/** Documents as people drop them: random bytes, real exports cut short, real exports with bytes flipped. */
const documentBytes = fc.oneof(
  fixture.map((f) => fixtureBytes(f.kind, f.name)),
  fc.uint8Array({ maxLength: 4096 }),
  fc.string({ unit: 'grapheme', maxLength: 2000 }).map((s) => Buffer.from(s)),
  fc.tuple(fixture, fc.double({ min: 0, max: 1, noNaN: true })).map(([f, cut]) => {
    const bytes = fixtureBytes(f.kind, f.name);
    return bytes.subarray(0, Math.floor(bytes.length * cut));
  }),
  fc.tuple(fixture, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })).map(([f, flips]) => {
    const bytes = Buffer.from(fixtureBytes(f.kind, f.name));
    for (const [at, value] of flips) if (bytes.length) bytes[at % bytes.length] = value;
    return bytes;
  }),
);

const fileName = fc.oneof(
  fc.constantFrom('iam-policy.json', 'bucket-policy.json', 'findings.csv', 'report.ocsf.json', 'x', '../../etc/passwd', 'a/b\\c.json', ' ', 'ü'.repeat(300)),
  fc.string({ minLength: 1, maxLength: 300 }),
);

describe('analyzeDocument through the contract', () => {
  it('answers a result or a typed error for random, truncated and damaged documents, and a refusal writes nothing', async () => {
    const { wb, projectId } = await setup();
    let attached = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(documentBytes, fileName, fc.boolean(), async (bytes, name, attach) => {
        const counts = rowCounts(wb.ctx.db);
        const reply = await callSafely(wb, 'analyzeDocument', { projectId, fileName: name, contentBase64: b64(bytes), attach });
        if (reply.ok) {
          const value = reply.value as { analysisId: string | null; attachedTo: string[] };
          const after = rowCounts(wb.ctx.db);
          // a success writes its own rows and nothing else: one analysis, one evidence per control attached to
          expect(after.analyses).toBe((counts.analyses ?? 0) + (attach ? 1 : 0));
          expect(after.evidence).toBe((counts.evidence ?? 0) + (attach ? value.attachedTo.length : 0));
          if (value.attachedTo.length > 0) attached++;
        } else {
          refused++;
        }
      }),
      { numRuns: RUNS, seed: 4242 },
    );
    expect(verifyAuditChain(wb.ctx.db, projectId)).toMatchObject({ ok: true });
    // both paths were taken: documents refused, and documents whose evidence was written
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(attached).toBeGreaterThan(0);
  });

  it('refuses an oversized document whole: nothing is attached when the evidence would be too large', async () => {
    const { wb, projectId } = await setup();
    // a real IAM policy export, padded with whitespace past the 50 MiB evidence limit
    const policy = fixtures.find((f) => f.kind === 'iam-policy' && f.name === 'action-wildcard.json')!;
    const padded = Buffer.concat([fixtureBytes(policy.kind, policy.name), Buffer.alloc(51 * 1024 * 1024, 0x20)]);
    const reply = await callSafely(wb, 'analyzeDocument', { projectId, fileName: 'huge-policy.json', contentBase64: b64(padded), attach: true });
    expect(reply).toEqual({ ok: false, error: { code: 'TOO_LARGE', message: '"huge-policy.json" is 51.0 MiB; evidence files can be at most 50 MiB. Attach an excerpt or a link instead.' } });
    // without attaching, the same document is analysed and nothing is stored
    const analysed = await callSafely(wb, 'analyzeDocument', { projectId, fileName: 'huge-policy.json', contentBase64: b64(padded), attach: false });
    expect(analysed).toMatchObject({ ok: true, value: { analysisId: null, attachedTo: [] } });
  }, 60_000);
});

describe('addEvidence through the contract', () => {
  it('adds exactly one evidence item and one audit event, or refuses with a typed error and writes nothing', async () => {
    const { wb, projectId } = await setup(false);
    const date = fc.oneof(fc.constantFrom('2026-01-31', '2026-02-30', '2026-13-01', '1999-12-31', '9999-12-31', '', 'yesterday'), fc.string({ maxLength: 12 }));
    const upload = fc.record(
      {
        controlId: fc.constantFrom('DS-01', 'AC-01', 'NS-01', 'ZZ-99', '', 'ds-01'),
        kind: fc.constantFrom('file', 'link', 'note', 'photo'),
        name: fc.oneof(fileName, fc.constant('')),
        contentBase64: fc.oneof(documentBytes.map(b64), fc.string({ maxLength: 200 })),
        mediaType: fc.oneof(fc.constant(null), fc.string({ maxLength: 300 })),
        url: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'ftp://x', 'https://'), fc.string({ maxLength: 100 })),
        text: fc.string({ unit: 'grapheme', maxLength: 500 }),
        collectedOn: date,
        expiresOn: fc.oneof(fc.constant(null), date),
      },
      { requiredKeys: ['controlId', 'kind'] },
    );
    await fc.assert(
      fc.asyncProperty(upload, async (u) => {
        const counts = rowCounts(wb.ctx.db);
        const reply = await callSafely(wb, 'addEvidence', { projectId, ...u });
        if (reply.ok) {
          const after = rowCounts(wb.ctx.db);
          expect(after.evidence).toBe((counts.evidence ?? 0) + 1);
          expect(after.audit_events).toBe((counts.audit_events ?? 0) + 1);
          expect(after.blobs! - counts.blobs!).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150, seed: 777 },
    );
    expect(verifyAuditChain(wb.ctx.db, projectId)).toMatchObject({ ok: true });
  });

  it('refuses a file over 50 MiB with TOO_LARGE, naming it, and writes nothing', async () => {
    const { wb, projectId } = await setup(false);
    const reply = await callSafely(wb, 'addEvidence', { projectId, controlId: 'DS-01', kind: 'file', name: 'disk-image.bin', contentBase64: b64(Buffer.alloc(50 * 1024 * 1024 + 1, 7)) });
    expect(reply).toEqual({ ok: false, error: { code: 'TOO_LARGE', message: '"disk-image.bin" is 50.0 MiB; evidence files can be at most 50 MiB. Attach an excerpt or a link instead.' } });
  }, 60_000);
});

describe('importBundle through the contract', () => {
  it('refuses random, truncated and damaged bundles with a typed error and merges nothing', async () => {
    const source = await setup();
    await dispatch(source.wb.handlers, 'updateControl', { projectId: source.projectId, controlId: 'DS-01', status: 'partial', note: 'two of three buckets' });
    await dispatch(source.wb.handlers, 'addEvidence', { projectId: source.projectId, controlId: 'DS-01', kind: 'note', text: 'KMS key policy reviewed' });
    const exported = (await dispatch(source.wb.handlers, 'exportBundle', { projectId: source.projectId })) as Reply;
    expect(exported.ok).toBe(true);
    const bundle = Buffer.from((exported as { value: { contentBase64: string } }).value.contentBase64, 'base64');

    const target = await testWorkbench();
    const damaged = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((b) => Buffer.from(b)),
      fc.double({ min: 0, max: 0.999, noNaN: true }).map((cut) => bundle.subarray(0, Math.max(1, Math.floor(bundle.length * cut)))),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((flips) => {
        const copy = Buffer.from(bundle);
        for (const [at, value] of flips) copy[at % copy.length] = value;
        return copy;
      }),
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        const reply = await callSafely(target, 'importBundle', { contentBase64: b64(bytes) });
        if (!reply.ok) refused++;
      }),
      { numRuns: RUNS, seed: 99 },
    );
    // flipping a byte of a compressed entry can still leave a readable bundle; most inputs are refused
    expect(refused).toBeGreaterThan(RUNS / 2);
  });
});

describe('verifyPackage through the contract', () => {
  it('answers a verdict or a typed error for random and damaged packages, never a crash', async () => {
    const { wb, projectId } = await setup(false);
    const exported = (await dispatch(wb.handlers, 'exportReport', { projectId, format: 'zip' })) as Reply;
    expect(exported.ok).toBe(true);
    const zip = Buffer.from((exported as { value: { contentBase64: string } }).value.contentBase64, 'base64');
    const damaged = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
      fc.double({ min: 0, max: 1, noNaN: true }).map((cut) => zip.subarray(0, Math.floor(zip.length * cut))),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((flips) => {
        const copy = Buffer.from(zip);
        for (const [at, value] of flips) copy[at % copy.length] = value;
        return copy;
      }),
    );
    await fc.assert(
      fc.asyncProperty(damaged, fc.constantFrom('package.zip', 'x', '../p.zip'), async (bytes, name) => {
        const reply = await callSafely(wb, 'verifyPackage', { fileName: name, contentBase64: b64(bytes) });
        if (reply.ok) expect(typeof (reply.value as { ok: boolean }).ok).toBe('boolean');
      }),
      { numRuns: RUNS, seed: 1234 },
    );
  });
});
