// HIPAA Security Rule data: every Subpart C standard and implementation specification present,
// with the Required/Addressable label the regulation prints, and the §164.312 list exactly.
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../../electron/core/catalog/load';

const hipaa = loadBuiltinCatalog().frameworks.find((f) => f.id === 'hipaa');
if (!hipaa) throw new Error('hipaa framework missing');
const byId = new Map(hipaa.requirements.map((r) => [r.id, r]));

type Row = [id: string, title: string, kind: 'standard' | 'required' | 'addressable'];

/** 45 CFR 164.312 as printed (standards and labelled implementation specifications). */
const SECTION_312: Row[] = [
  ['164.312(a)(1)', 'Access control', 'standard'],
  ['164.312(a)(2)(i)', 'Unique user identification', 'required'],
  ['164.312(a)(2)(ii)', 'Emergency access procedure', 'required'],
  ['164.312(a)(2)(iii)', 'Automatic logoff', 'addressable'],
  ['164.312(a)(2)(iv)', 'Encryption and decryption', 'addressable'],
  ['164.312(b)', 'Audit controls', 'standard'],
  ['164.312(c)(1)', 'Integrity', 'standard'],
  ['164.312(c)(2)', 'Mechanism to authenticate electronic protected health information', 'addressable'],
  ['164.312(d)', 'Person or entity authentication', 'standard'],
  ['164.312(e)(1)', 'Transmission security', 'standard'],
  ['164.312(e)(2)(i)', 'Integrity controls', 'addressable'],
  ['164.312(e)(2)(ii)', 'Encryption', 'addressable'],
];

/** The labelled items of §§164.308, 164.310, 164.314 and 164.316. */
const OTHER_SUBPART_C: Row[] = [
  ['164.308(a)(1)(i)', 'Security management process', 'standard'],
  ['164.308(a)(1)(ii)(A)', 'Risk analysis', 'required'],
  ['164.308(a)(1)(ii)(B)', 'Risk management', 'required'],
  ['164.308(a)(1)(ii)(C)', 'Sanction policy', 'required'],
  ['164.308(a)(1)(ii)(D)', 'Information system activity review', 'required'],
  ['164.308(a)(2)', 'Assigned security responsibility', 'standard'],
  ['164.308(a)(3)(i)', 'Workforce security', 'standard'],
  ['164.308(a)(3)(ii)(A)', 'Authorization and/or supervision', 'addressable'],
  ['164.308(a)(3)(ii)(B)', 'Workforce clearance procedure', 'addressable'],
  ['164.308(a)(3)(ii)(C)', 'Termination procedures', 'addressable'],
  ['164.308(a)(4)(i)', 'Information access management', 'standard'],
  ['164.308(a)(4)(ii)(A)', 'Isolating health care clearinghouse functions', 'required'],
  ['164.308(a)(4)(ii)(B)', 'Access authorization', 'addressable'],
  ['164.308(a)(4)(ii)(C)', 'Access establishment and modification', 'addressable'],
  ['164.308(a)(5)(i)', 'Security awareness and training', 'standard'],
  ['164.308(a)(5)(ii)(A)', 'Security reminders', 'addressable'],
  ['164.308(a)(5)(ii)(B)', 'Protection from malicious software', 'addressable'],
  ['164.308(a)(5)(ii)(C)', 'Log-in monitoring', 'addressable'],
  ['164.308(a)(5)(ii)(D)', 'Password management', 'addressable'],
  ['164.308(a)(6)(i)', 'Security incident procedures', 'standard'],
  ['164.308(a)(6)(ii)', 'Response and reporting', 'required'],
  ['164.308(a)(7)(i)', 'Contingency plan', 'standard'],
  ['164.308(a)(7)(ii)(A)', 'Data backup plan', 'required'],
  ['164.308(a)(7)(ii)(B)', 'Disaster recovery plan', 'required'],
  ['164.308(a)(7)(ii)(C)', 'Emergency mode operation plan', 'required'],
  ['164.308(a)(7)(ii)(D)', 'Testing and revision procedures', 'addressable'],
  ['164.308(a)(7)(ii)(E)', 'Applications and data criticality analysis', 'addressable'],
  ['164.308(a)(8)', 'Evaluation', 'standard'],
  ['164.308(b)(1)', 'Business associate contracts and other arrangements', 'standard'],
  ['164.308(b)(3)', 'Written contract or other arrangement', 'required'],
  ['164.310(a)(1)', 'Facility access controls', 'standard'],
  ['164.310(a)(2)(i)', 'Contingency operations', 'addressable'],
  ['164.310(a)(2)(ii)', 'Facility security plan', 'addressable'],
  ['164.310(a)(2)(iii)', 'Access control and validation procedures', 'addressable'],
  ['164.310(a)(2)(iv)', 'Maintenance records', 'addressable'],
  ['164.310(b)', 'Workstation use', 'standard'],
  ['164.310(c)', 'Workstation security', 'standard'],
  ['164.310(d)(1)', 'Device and media controls', 'standard'],
  ['164.310(d)(2)(i)', 'Disposal', 'required'],
  ['164.310(d)(2)(ii)', 'Media re-use', 'required'],
  ['164.310(d)(2)(iii)', 'Accountability', 'addressable'],
  ['164.310(d)(2)(iv)', 'Data backup and storage', 'addressable'],
  ['164.314(a)(1)', 'Business associate contracts or other arrangements', 'standard'],
  ['164.314(a)(2)(i)', 'Business associate contracts', 'required'],
  ['164.314(a)(2)(ii)', 'Other arrangements', 'required'],
  ['164.314(a)(2)(iii)', 'Business associate contracts with subcontractors', 'required'],
  ['164.314(b)(1)', 'Requirements for group health plans', 'standard'],
  ['164.316(a)', 'Policies and procedures', 'standard'],
  ['164.316(b)(1)', 'Documentation', 'standard'],
  ['164.316(b)(2)(i)', 'Time limit', 'required'],
  ['164.316(b)(2)(ii)', 'Availability', 'required'],
  ['164.316(b)(2)(iii)', 'Updates', 'required'],
];

describe('HIPAA Security Rule requirements', () => {
  it('carries the §164.312 technical safeguards exactly, with Required/Addressable labels', () => {
    const actual = hipaa.requirements
      .filter((r) => r.id.startsWith('164.312'))
      .map((r): Row => [r.id, r.title, r.kind as Row[2]]);
    expect(actual).toEqual(SECTION_312);
    expect(hipaa.requirements.filter((r) => r.id.startsWith('164.312')).every((r) => !r.titleIsParaphrase)).toBe(true);
  });

  it.each(OTHER_SUBPART_C)('%s %s is %s', (id, title, kind) => {
    expect(byId.get(id)?.title).toBe(title);
    expect(byId.get(id)?.kind).toBe(kind);
    expect(byId.get(id)?.titleIsParaphrase).toBeUndefined();
  });

  it('holds nothing in Subpart C beyond those items and two untitled paragraphs', () => {
    const subpartC = hipaa.requirements.filter((r) => /^164\.3(0[68]|1[0246])/.test(r.id));
    const listed = new Set([...SECTION_312, ...OTHER_SUBPART_C].map(([id]) => id));
    const extra = subpartC.filter((r) => !listed.has(r.id));
    expect(extra.map((r) => [r.id, r.kind, r.titleIsParaphrase])).toEqual([
      // §164.306 (security standards: general rules), titled paragraphs without "Standard:" labels
      ['164.306(a)', 'paragraph', undefined],
      ['164.306(b)', 'paragraph', undefined],
      ['164.306(c)', 'paragraph', undefined],
      ['164.306(d)', 'paragraph', undefined],
      ['164.306(e)', 'paragraph', undefined],
      ['164.308(b)(2)', 'paragraph', true],
      ['164.314(b)(2)', 'required', true],
    ]);
  });

  it('nests implementation specifications under their standard', () => {
    expect(byId.get('164.312(a)(2)(iv)')?.parent).toBe('164.312(a)(1)');
    expect(byId.get('164.308(a)(1)(ii)(A)')?.parent).toBe('164.308(a)(1)(i)');
    expect(byId.get('164.316(b)(2)(i)')?.parent).toBe('164.316(b)(1)');
    for (const r of hipaa.requirements) {
      if (r.kind === 'required' || r.kind === 'addressable') {
        const parent = r.parent === undefined ? undefined : byId.get(r.parent);
        expect(parent?.kind, r.id).toBe('standard');
      }
    }
  });

  it('includes the sections cited outside Subpart C, with their source titles', () => {
    expect(byId.get('164.514(c)')?.title).toBe('Re-identification');
    expect(byId.get('164.514(a)')?.title).toBe('De-identification of protected health information');
    expect(byId.get('164.502(b)')?.title).toBe('Minimum necessary');
    expect(byId.get('164.404(b)')?.title).toBe('Timeliness of notification');
    expect(byId.get('164.410(b)')?.title).toBe('Timeliness of notification');
    expect(byId.get('164.408(b)')?.title).toBe('Breaches involving 500 or more individuals');
    expect(byId.get('164.408(c)')?.title).toBe('Breaches involving less than 500 individuals');
  });

  it('carries the Breach Notification Rule down to its implementation specifications', () => {
    const rows: Array<[string, string, string]> = [
      ['164.400', 'Applicability', 'section'],
      ['164.402', 'Definitions', 'section'],
      ['164.404(a)(1)', 'General rule', 'standard'],
      ['164.404(a)(2)', 'Breaches treated as discovered', 'paragraph'],
      ['164.404(b)', 'Timeliness of notification', 'specification'],
      ['164.404(c)', 'Content of notification', 'specification'],
      ['164.404(d)', 'Methods of individual notification', 'specification'],
      ['164.406(a)', 'Notification to the media', 'standard'],
      ['164.406(b)', 'Timeliness of notification', 'specification'],
      ['164.406(c)', 'Content of notification', 'specification'],
      ['164.408(a)', 'Notification to the Secretary', 'standard'],
      ['164.408(b)', 'Breaches involving 500 or more individuals', 'specification'],
      ['164.408(c)', 'Breaches involving less than 500 individuals', 'specification'],
      ['164.410(a)(1)', 'General rule', 'standard'],
      ['164.410(a)(2)', 'Breaches treated as discovered', 'paragraph'],
      ['164.410(b)', 'Timeliness of notification', 'specification'],
      ['164.410(c)', 'Content of notification', 'specification'],
      ['164.412', 'Law enforcement delay', 'section'],
      ['164.414(a)', 'Administrative requirements', 'paragraph'],
      ['164.414(b)', 'Burden of proof', 'paragraph'],
    ];
    expect(hipaa.requirements.filter((r) => r.id.startsWith('164.4')).map((r) => [r.id, r.title, r.kind])).toEqual(rows);
  });

  it('puts the physical safeguards for AWS facilities and media out of scope with a reason', () => {
    const out = new Map(hipaa.outOfScope.map((o) => [o.requirement, o.reason]));
    expect(out.get('164.310(a)(1)')).toMatch(/shared responsibility/);
    expect([...out.keys()].sort()).toEqual([
      '164.302', '164.304', '164.306(c)', '164.308(a)(1)(ii)(C)', '164.308(a)(4)(ii)(A)',
      '164.310(a)(1)', '164.310(a)(2)(i)', '164.310(a)(2)(ii)', '164.310(a)(2)(iii)', '164.310(a)(2)(iv)',
      '164.310(b)', '164.310(c)', '164.310(d)(2)(ii)', '164.310(d)(2)(iii)', '164.310(d)(2)(iv)',
      '164.314(a)(2)(ii)', '164.314(b)(1)', '164.314(b)(2)', '164.318', '164.400', '164.402', '164.414(a)',
    ]);
  });

  it('has Subpart C (§§164.302–164.318) and the Breach Notification Rule (§§164.400–164.414) whole, section by section', () => {
    const sections = new Set(hipaa.requirements.map((r) => r.id.slice(0, 7)));
    for (const s of ['164.302', '164.304', '164.306', '164.308', '164.310', '164.312', '164.314', '164.316', '164.318',
      '164.400', '164.402', '164.404', '164.406', '164.408', '164.410', '164.412', '164.414']) {
      expect(sections.has(s), s).toBe(true);
    }
    const byId = new Map(hipaa.requirements.map((r) => [r.id, r]));
    expect(byId.get('164.318')?.title).toBe('Compliance dates for the initial implementation of the security standards');
    // Definitions are not assessable: both definition sections are out of scope and say so.
    const out = new Map(hipaa.outOfScope.map((o) => [o.requirement, o]));
    for (const d of ['164.304', '164.402']) {
      expect(byId.get(d)?.title, d).toBe('Definitions');
      expect(out.get(d)?.kind, d).toBe('not-applicable');
      expect(out.get(d)?.reason, d).toMatch(/not assessable/);
    }
  });
});
