// Requirement ids as scanners write them (`164_312_b`, `PCI DSS v4.0.1/3.5.1`, `article_32`) turned
// into the catalog's exact forms (`164.312(b)`, `3.5.1`, `Art. 32`). What cannot be read with
// confidence stays unmapped rather than being guessed.
import type { RequirementControlLookup, RequirementRef } from '../../../shared/analysis';
import type { FrameworkId } from '../../../shared/domain';

// ---- one id ---------------------------------------------------------------------------------

/** HIPAA paragraph levels below the section: (a) letter, (1) number, (ii) roman, (A) capital letter. */
const HIPAA_LEVELS: ReadonlyArray<{ test: RegExp; format: (p: string) => string }> = [
  { test: /^[a-z]$/i, format: (p) => p.toLowerCase() },
  { test: /^\d{1,2}$/, format: (p) => p },
  { test: /^[ivx]{1,5}$/i, format: (p) => p.toLowerCase() },
  { test: /^[a-z]$/i, format: (p) => p.toUpperCase() },
];

function normalizeHipaa(raw: string): string | null {
  const s = raw.trim().replace(/^45\s*c\.?f\.?r\.?\s*/i, '').replace(/^§+\s*/, '').replace(/\s+/g, '');
  let section: string;
  let parts: string[];
  const underscored = /^(\d{3})[._](\d{3})((?:_[0-9a-z]+)*)$/i.exec(s);
  const cited = /^(\d{3}\.\d{3})((?:\([0-9a-z]+\))*)$/i.exec(s);
  if (underscored) {
    section = `${underscored[1]}.${underscored[2]}`;
    parts = (underscored[3] ?? '').split('_').filter(Boolean);
  } else if (cited) {
    section = cited[1] ?? '';
    parts = [...(cited[2] ?? '').matchAll(/\(([0-9a-z]+)\)/gi)].map((m) => m[1] ?? '');
  } else {
    return null;
  }
  if (!/^16[0-4]\.\d{3}$/.test(section) || parts.length > HIPAA_LEVELS.length) return null;
  let out = section;
  for (const [depth, part] of parts.entries()) {
    const level = HIPAA_LEVELS[depth];
    if (!level || !level.test.test(part)) return null;
    out += `(${level.format(part)})`;
  }
  return out;
}

function normalizePci(raw: string): string | null {
  const s = raw.trim().replace(/^pci(?:[\s_-]*dss)?\s*/i, '').replace(/^req(?:uirement)?\.?\s*/i, '');
  if (/^\d{1,2}(?:\.\d{1,2}){0,4}$/.test(s)) return s;
  if (/^a\d(?:\.\d{1,2}){1,4}$/i.test(s)) return `A${s.slice(1)}`;
  return null;
}

function normalizeGdpr(raw: string): string | null {
  const recital = /^recital[\s._]*(\d{1,3})$/i.exec(raw.trim());
  if (recital) return Number(recital[1]) >= 1 && Number(recital[1]) <= 173 ? `Recital ${Number(recital[1])}` : null;
  const m = /^(?:art(?:icle)?[\s._]*)?(\d{1,2})((?:\([0-9a-z]{1,3}\)|_[0-9a-z]{1,3})*)$/i.exec(raw.trim());
  if (!m) return null;
  const article = Number(m[1]);
  if (article < 1 || article > 99) return null;
  const parts = [...(m[2] ?? '').matchAll(/[0-9a-z]{1,3}/gi)].map((p) => p[0].toLowerCase());
  return `Art. ${article}${parts.map((p) => `(${p})`).join('')}`;
}

/** The catalog's form of a requirement id, or null when it cannot be read with confidence. */
export function normalizeRequirement(framework: FrameworkId, raw: string): string | null {
  if (framework === 'hipaa') return normalizeHipaa(raw);
  if (framework === 'pci') return normalizePci(raw);
  return normalizeGdpr(raw);
}

// ---- labels and references ------------------------------------------------------------------

/**
 * Our framework behind a scanner's label (`HIPAA`, `PCI-4.0`, `PCI DSS v4.0.1`, `GDPR`,
 * `General-Data-Protection-Regulation(GDPR)`). PCI DSS versions before 4 number their
 * requirements differently, so they are not ours.
 */
export function frameworkOfLabel(label: string): FrameworkId | null {
  const l = label.trim().toLowerCase();
  if (/^hipaa\b/.test(l)) return 'hipaa';
  if (/gdpr|general[-_ ]data[-_ ]protection/.test(l)) return 'gdpr';
  if (/^pci\b|^pci[-_]/.test(l)) {
    const version = /(\d+)(?:\.\d+)+/.exec(l.replace(/^pci[-_ ]*(dss)?[-_ ]*/, ''));
    return version && version[1] !== '4' ? null : 'pci';
  }
  return null;
}

/** The same requirement named twice counts once; order of first mention is kept. */
export function uniqueRefs(refs: RequirementRef[]): RequirementRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.framework}|${r.requirement}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Groups read before, by label and ids: every finding of one Prowler check carries the same
 * groups, so a scan of 150,000 findings names a few hundred distinct ones. Bounded.
 */
const knownGroups = new Map<string, readonly RequirementRef[]>();
const KNOWN_GROUPS_MAX = 10_000;

/** A framework label with its ids, as Prowler groups them (`{"HIPAA": ["164_312_b", …]}`). A new array each call; its refs are frozen. */
export function requirementsFromGroup(label: string, ids: readonly unknown[]): RequirementRef[] {
  const strings = ids.filter((id): id is string => typeof id === 'string');
  const key = `${label}\u0000${strings.join('\u0001')}`;
  let refs = knownGroups.get(key);
  if (!refs) {
    const framework = frameworkOfLabel(label);
    const found: RequirementRef[] = [];
    if (framework) {
      for (const id of strings) {
        const requirement = normalizeRequirement(framework, id);
        if (requirement) found.push(Object.freeze({ framework, requirement }));
      }
    }
    refs = uniqueRefs(found);
    if (knownGroups.size >= KNOWN_GROUPS_MAX) knownGroups.clear();
    knownGroups.set(key, refs);
  }
  return [...refs];
}

const LABEL_WORD = /^(dss|v\d+(?:\.\d+)*|security|rule)$/i;
const FRAMEWORK_WORD = /^(hipaa|pci|gdpr|general[-_ ]data)/i;

/**
 * One free-text reference: `PCI DSS v4.0.1/3.5.1`, `PCI DSS 3.5.1`, `HIPAA 164.312(b)`,
 * `HIPAA 164_308_a_1_ii_a 164_312_e_1` (Prowler's ASFF), `GDPR article_32`.
 */
export function requirementsFromReference(reference: string): RequirementRef[] {
  const trimmed = reference.trim();
  const slash = /^([^/]+?)\s*\/\s*(.+)$/.exec(trimmed);
  if (slash && FRAMEWORK_WORD.test(slash[1] ?? '')) {
    // Security Hub's form, "<standard> v<version>/<id>"
    return idsUnder(slash[1] ?? '', slash[2] ?? '');
  }
  const tokens = trimmed.split(/\s+/);
  if (!FRAMEWORK_WORD.test(tokens[0] ?? '')) return [];
  let labelEnd = 1;
  while (labelEnd < tokens.length - 1 && LABEL_WORD.test(tokens[labelEnd] ?? '')) labelEnd++;
  return idsUnder(tokens.slice(0, labelEnd).join(' '), tokens.slice(labelEnd).join(' '));
}

function idsUnder(label: string, rest: string): RequirementRef[] {
  if (frameworkOfLabel(label) === 'gdpr') {
    // GDPR ids may hold a space ("Art. 32"), so find them rather than split on spaces.
    const ids = [...rest.matchAll(/recital[\s._]*\d{1,3}|(?:art(?:icle)?[\s._]*)?\d{1,2}(?:\([0-9a-z]{1,3}\)|_[0-9a-z]{1,3})*/gi)].map((m) => m[0]);
    return requirementsFromGroup(label, ids);
  }
  return requirementsFromGroup(label, rest.split(/[\s,;]+/).filter(Boolean));
}

// ---- catalog lookup -------------------------------------------------------------------------

/** The id itself, then its parents, most specific first (`1.2.5.1` → `1.2.5`; `Art. 32(1)(a)` → `Art. 32`). */
export function requirementAncestry(framework: FrameworkId, requirement: string): string[] {
  const chain = [requirement];
  if (framework === 'pci') {
    const parts = requirement.split('.');
    while (parts.length > 3) {
      parts.pop();
      chain.push(parts.join('.'));
    }
  } else {
    const minimum = framework === 'hipaa' ? 1 : 0;
    let current = requirement;
    while ((current.match(/\(/g) ?? []).length > minimum) {
      current = current.replace(/\([^()]*\)$/, '');
      chain.push(current);
    }
  }
  return chain;
}

/** Controls the catalog maps to a requirement, falling back to its parent when the id itself is unknown. */
export function controlsForRequirement(lookup: RequirementControlLookup, ref: RequirementRef): string[] {
  for (const id of requirementAncestry(ref.framework, ref.requirement)) {
    const controls = lookup(ref.framework, id);
    if (controls.length > 0) return controls;
  }
  return [];
}
