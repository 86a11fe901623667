// Integrity of the built-in catalog: ids, formats, mappings, coverage and the control outline.
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';
import { DOMAIN_IDS, FRAMEWORK_IDS, type FrameworkId } from '../../../shared/domain';

const catalog = loadBuiltinCatalog();

/** Written out here on purpose (not imported from the schema) so a loosened schema fails a test. */
const ID_FORMAT: Record<FrameworkId, RegExp> = {
  hipaa: /^164\.(3(0[2468]|1[02468])|40[02468]|41[024]|502|514)(\((?:[a-z]|\d{1,2}|[ivx]+|[A-Z])\))*$/,
  gdpr: /^(Art\. \d{1,2}(\(\d{1,2}\)(\([a-z]\))?)?|Recital \d{1,3})$/,
  pci: /^(\d|1[0-2]|A[1-3])(\.\d{1,2}){0,4}$/,
};

/** The control ids of the outline (fixed: other modules refer to them) plus the two added ones. */
const OUTLINE: Record<string, number> = { DS: 17, AC: 19, NS: 13, LM: 11, MP: 11, GV: 15 };
const ADDED = [
  'AC-20', 'NS-14',
  // catalog 2026.12.0 (issue #14, item 2)
  'AC-21', 'DS-18', 'DS-19', 'DS-20', 'LM-12', 'LM-13', 'LM-14', 'LM-15', 'MP-12', 'MP-13', 'MP-14', 'MP-15',
  'GV-16', 'GV-17', 'GV-18', 'GV-19', 'GV-20', 'GV-21', 'GV-22', 'GV-23',
  // the Generative AI on AWS domain (issue #14, item 3)
  'GA-01', 'GA-02', 'GA-03', 'GA-04', 'GA-05', 'GA-06', 'GA-07',
];
const PREFIX_DOMAIN: Record<string, string> = {
  DS: 'data_security', AC: 'access_control', NS: 'network_security',
  LM: 'monitoring_logging', MP: 'ml_platform', GV: 'governance', GA: 'generative_ai',
};

function framework(id: FrameworkId) {
  const f = catalog.frameworks.find((x) => x.id === id);
  if (!f) throw new Error(`framework ${id} missing`);
  return f;
}

describe('built-in catalog', () => {
  it('has the expected version, frameworks and sizes', () => {
    expect(catalog.version).toBe('2026.12.0');
    expect(catalog.frameworks.map((f) => f.id)).toEqual(['hipaa', 'gdpr', 'pci']);
    expect(catalog.frameworks.map((f) => f.requirements.length)).toEqual([102, 252, 366]);
    expect(catalog.frameworks.map((f) => f.outOfScope.length)).toEqual([22, 106, 91]);
    expect(catalog.controls.length).toBe(115);
    expect(catalog.controls.length).toBeGreaterThanOrEqual(60);
  });

  it('keeps every outline id, in the right domain, and nothing unexpected', () => {
    const expected = [
      ...Object.entries(OUTLINE).flatMap(([p, n]) =>
        Array.from({ length: n }, (_, i) => `${p}-${String(i + 1).padStart(2, '0')}`)),
      ...ADDED,
    ].sort();
    expect(catalog.controls.map((c) => c.id).sort()).toEqual(expected);
    for (const c of catalog.controls) expect(c.domain).toBe(PREFIX_DOMAIN[c.id.slice(0, 2)]);
    const perDomain = Object.fromEntries(DOMAIN_IDS.map((d) => [d, catalog.controls.filter((c) => c.domain === d).length]));
    expect(perDomain).toEqual({
      data_security: 20, access_control: 21, network_security: 14,
      monitoring_logging: 15, ml_platform: 15, governance: 23, generative_ai: 7,
    });
  });

  it('has unique control ids and unique requirement ids per framework', () => {
    const ids = catalog.controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of catalog.frameworks) {
      const r = f.requirements.map((x) => x.id);
      expect(new Set(r).size, f.id).toBe(r.length);
    }
  });

  it('writes every identifier exactly as its source does', () => {
    for (const f of catalog.frameworks) {
      for (const r of f.requirements) expect(r.id, `${f.id} ${r.id}`).toMatch(ID_FORMAT[f.id as FrameworkId]);
    }
    const hipaaIds = framework('hipaa').requirements.map((r) => r.id);
    expect(hipaaIds).toContain('164.312(a)(2)(iv)');
    expect(hipaaIds.some((id) => id.includes('§') || id.includes(' '))).toBe(false);
    const gdprIds = framework('gdpr').requirements.map((r) => r.id);
    expect(gdprIds).toEqual(expect.arrayContaining(['Art. 32(1)(a)', 'Recital 26', 'Art. 89(1)']));
    expect(framework('pci').requirements.map((r) => r.id)).toEqual(expect.arrayContaining(['3.5.1', '3.5.1.2', '12.10.7']));
  });

  it('lists the twelve PCI DSS principal requirements with the standard\'s titles', () => {
    const principals = framework('pci').requirements.filter((r) => r.kind === 'principal');
    expect(principals.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(principals.every((r) => !r.titleIsParaphrase && r.parent === undefined)).toBe(true);
    expect(principals.find((r) => r.id === '4')?.title).toBe(
      'Protect Cardholder Data with Strong Cryptography During Transmission Over Open, Public Networks');
    const subs = framework('pci').requirements.filter((r) => r.kind === 'requirement');
    expect(subs.every((r) => r.titleIsParaphrase === true)).toBe(true);
    for (const r of subs) {
      // Appendices A1–A3 are roots of their own; everything else sits under the requirement it refines.
      if (/^A[1-3]$/.test(r.id)) expect(r.parent, r.id).toBeUndefined();
      else expect(r.id.startsWith(`${r.parent}.`), r.id).toBe(true);
    }
  });

  it('has the GDPR articles the controls rely on, with official titles', () => {
    const byId = new Map(framework('gdpr').requirements.map((r) => [r.id, r]));
    for (const a of ['5', '17', '24', '25', '28', '30', '32', '33', '34', '35', '89']) {
      expect(byId.get(`Art. ${a}`)?.kind, `Art. ${a}`).toBe('article');
    }
    expect(byId.get('Art. 32')?.title).toBe('Security of processing');
    expect(byId.get('Art. 17')?.title).toBe("Right to erasure ('right to be forgotten')");
    expect(byId.get('Art. 34')?.title).toBe('Communication of a personal data breach to the data subject');
    for (const r of byId.values()) {
      if (r.kind !== 'article') expect(r.titleIsParaphrase, r.id).toBe(true);
    }
  });

  it('maps every control to at least one existing requirement, each pair once', () => {
    for (const c of catalog.controls) {
      expect(c.mappings.length, c.id).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const m of c.mappings) {
        const exists = framework(m.framework as FrameworkId).requirements.some((r) => r.id === m.requirement);
        expect(exists, `${c.id} -> ${m.framework} ${m.requirement}`).toBe(true);
        const key = `${m.framework} ${m.requirement}`;
        expect(seen.has(key), `${c.id} maps ${key} twice`).toBe(false);
        seen.add(key);
      }
    }
  });

  it('has every control either map to each framework or say why not, never both', () => {
    for (const c of catalog.controls) {
      for (const f of FRAMEWORK_IDS) {
        const mapped = c.mappings.some((m) => m.framework === f);
        const declined = c.noMapping.filter((n) => n.framework === f);
        expect(mapped !== (declined.length === 1), `${c.id} / ${f}`).toBe(true);
        for (const n of declined) expect(n.reason.length, `${c.id} / ${f}`).toBeGreaterThan(40);
      }
    }
  });

  it('covers every leaf by its own mapping or lists it out of scope, never both; a parent is out of scope only with all its leaves', () => {
    for (const f of catalog.frameworks) {
      const direct = new Set(catalog.controls.flatMap((c) => c.mappings.filter((m) => m.framework === f.id).map((m) => m.requirement)));
      const parents = new Set(f.requirements.map((r) => r.parent).filter((p): p is string => p !== undefined));
      const out = new Set(f.outOfScope.map((o) => o.requirement));
      for (const r of f.requirements) {
        if (!parents.has(r.id)) expect(direct.has(r.id) !== out.has(r.id), `${f.id} ${r.id}`).toBe(true);
        else if (out.has(r.id)) {
          const below = f.requirements.filter((x) => x.parent === r.id);
          expect(below.every((x) => out.has(x.id)), `${f.id} ${r.id}`).toBe(true);
        }
      }
      for (const o of f.outOfScope) expect(o.reason.length, `${f.id} ${o.requirement}`).toBeGreaterThan(40);
    }
    // PCI DSS 5 is answered now: GuardDuty malware protection (LM-09) for 5.2.1, the risk analysis (GV-05) for 5.2.3.
    expect(framework('pci').outOfScope.map((o) => o.requirement).filter((id) => id.startsWith('5.2.'))).toEqual([]);
  });

  it('gives every technical control AWS CLI evidence commands with placeholders, not real ids', () => {
    for (const c of catalog.controls) {
      for (const cmd of c.verification.commands) {
        expect(cmd, c.id).toMatch(/^aws [a-z0-9-]+ [a-z0-9-]+( |$)/);
        expect(cmd, c.id).not.toMatch(/\b(\d{12}|vpc-[0-9a-f]{8,}|sg-[0-9a-f]{8,}|AKIA[0-9A-Z]{16})\b/);
      }
      if (c.domain !== 'governance') expect(c.verification.commands.length, c.id).toBeGreaterThan(0);
      expect(c.verification.steps.length, c.id).toBeGreaterThan(0);
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
    }
    const commands = catalog.controls.flatMap((c) => c.verification.commands);
    expect(commands).toEqual(expect.arrayContaining([
      'aws kms get-key-rotation-status --key-id KEY_ID',
      'aws sagemaker describe-training-job --training-job-name TRAINING_JOB_NAME',
      'aws s3api get-bucket-policy --bucket BUCKET',
    ]));
  });

  it('spreads priorities as reviewed (critical reserved for exposure and core controls)', () => {
    const counts = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const c of catalog.controls) counts[c.priority]++;
    expect(counts).toEqual({ critical: 15, high: 73, medium: 27, low: 0 });
    expect(catalog.controls.filter((c) => c.priority === 'critical').map((c) => c.id).sort()).toEqual([
      'AC-01', 'AC-02', 'AC-03', 'AC-16', 'DS-01', 'DS-05', 'DS-07', 'DS-08', 'DS-11', 'DS-18', 'GV-01', 'GV-05', 'GV-06', 'LM-01', 'NS-07',
    ]);
  });

  it('has a Generative AI domain whose controls together map to all three frameworks', () => {
    const ga = catalog.controls.filter((c) => c.domain === 'generative_ai');
    expect(ga.map((c) => c.id)).toEqual(['GA-01', 'GA-02', 'GA-03', 'GA-04', 'GA-05', 'GA-06', 'GA-07']);
    for (const f of FRAMEWORK_IDS) expect(ga.some((c) => c.mappings.some((m) => m.framework === f)), f).toBe(true);
    const text = ga.map((c) => [c.title, c.objective, ...c.verification.commands].join('\n')).join('\n');
    for (const topic of [/guardrail/i, /invocation logging/i, /bedrock-runtime/, /knowledge base/i, /retention/i, /customi[sz]ation/i, /bedrock:InvokeModel/]) {
      expect(text).toMatch(topic);
    }
  });
});
