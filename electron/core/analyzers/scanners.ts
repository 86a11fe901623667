// Findings of other scanners (Prowler JSON-OCSF and compliance CSV, Security Hub ASFF), kept with
// their own id and status and mapped to our controls through the requirements and check ids they carry.
import type { RequirementControlLookup, RequirementRef, ScannerFinding, ScannerSource, ScannerStatus } from '../../../shared/analysis';
import type { Severity } from '../../../shared/domain';
import { controlsForCheck } from './checks';
import { AnalyzerError } from './errors';
import { type CsvRow, parseCsv } from './input';
import { controlsForRequirement, requirementsFromGroup, requirementsFromReference, uniqueRefs } from './requirements';
import { type JsonRecord, filled, isRecord, list, record, stringList, text } from './shape';

export const EXPECTED_PROWLER_OCSF = "Prowler's JSON-OCSF output: an array of detection findings with finding_info and metadata.event_code";
export const EXPECTED_PROWLER_CSV = "a Prowler compliance CSV (semicolon-separated, with REQUIREMENTS_ID, STATUS and CHECKID columns)";
export const EXPECTED_SECURITY_HUB = 'the JSON of aws securityhub get-findings ({"Findings": [...]}) or an array of ASFF findings';

type Draft = {
  source: ScannerSource;
  id: string;
  title: string;
  status: ScannerStatus;
  severity: Severity | null;
  checkId: string | undefined;
  resource: string | null;
  requirements: RequirementRef[];
  /**
   * The other standards' controls the scanner says its check belongs to, as Security Hub names
   * them (`CIS-1.4.0/2.1.5`, `EC2.8`): each one meaning, whatever its number in another version.
   */
  standardIds?: string[];
};

/**
 * A check id we know says exactly which controls were tested; a requirement maps to every control
 * serving it, which is broad. So requirements are used only for checks we do not know.
 */
function complete(draft: Draft, lookup: RequirementControlLookup | undefined): ScannerFinding {
  const byCheck = controlsForCheck(draft.checkId);
  // a check we do not know, placed by the scanner under CIS or FSBP controls we do know
  const byStandard = byCheck.length > 0 ? [] : [...new Set((draft.standardIds ?? []).flatMap((id) => controlsForCheck(id)))];
  const controls = new Set<string>([...byCheck, ...byStandard]);
  if (controls.size === 0 && lookup) for (const ref of draft.requirements) for (const c of controlsForRequirement(lookup, ref)) controls.add(c);
  const sorted = [...controls].sort();
  const mappedBy = sorted.length === 0 ? null : byCheck.length > 0 ? 'check' : byStandard.length > 0 ? 'standard' : 'requirement';
  return {
    source: draft.source,
    id: draft.id,
    title: draft.title,
    status: draft.status,
    severity: draft.severity,
    ...(draft.checkId ? { checkId: draft.checkId } : {}),
    resource: draft.resource,
    requirements: draft.requirements,
    controls: sorted,
    mapped: sorted.length > 0,
    mappedBy,
  };
}

function severityOf(label: unknown, numeric?: unknown): Severity | null {
  const l = typeof label === 'string' ? label.trim().toLowerCase() : '';
  if (l === 'critical' || l === 'fatal') return 'critical';
  if (l === 'high' || l === 'medium' || l === 'low') return l;
  if (l === 'informational' || l === 'info') return 'info';
  return numericSeverity(numeric); // OCSF severity_id
}

function numericSeverity(value: unknown): Severity | null {
  return typeof value === 'number' ? (({ 1: 'info', 2: 'low', 3: 'medium', 4: 'high', 5: 'critical', 6: 'critical' } as const)[value] ?? null) : null;
}

function statusOf(value: unknown): ScannerStatus | undefined {
  const s = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (s === 'PASS' || s === 'PASSED' || s === 'SUCCESS') return 'pass';
  if (s === 'FAIL' || s === 'FAILED' || s === 'FAILURE') return 'fail';
  if (s === 'WARNING') return 'warning';
  if (s === 'MANUAL') return 'manual';
  if (s === 'NOT_AVAILABLE') return 'not_available';
  return undefined;
}

// ---- Prowler JSON-OCSF ----------------------------------------------------------------------

export function importProwlerOcsf(file: string, root: unknown, lookup?: RequirementControlLookup): ScannerFinding[] {
  if (!Array.isArray(root) || !root.every(isOcsfShaped)) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it is not an array of OCSF findings (each with finding_info)', EXPECTED_PROWLER_OCSF);
  }
  root.forEach((raw, index) => checkOcsfFields(file, raw as JsonRecord, index));
  return root.map((raw, index) => ocsfFinding(raw as JsonRecord, index, lookup));
}

/** Does this record look like an OCSF finding (Prowler 4+ finding_info, or Prowler 3's finding)? */
export function isOcsfShaped(f: unknown): boolean {
  return isRecord(f) && (isRecord(f['finding_info']) || isRecord(f['finding']));
}

/** One record of a JSON-OCSF array read as a stream: checked, then converted, then dropped. */
export function ocsfStreamFinding(file: string, raw: unknown, index: number, lookup?: RequirementControlLookup): ScannerFinding {
  if (!isOcsfShaped(raw)) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `finding [${index}] is not an OCSF finding (it has no finding_info)`, EXPECTED_PROWLER_OCSF);
  }
  checkOcsfFields(file, raw as JsonRecord, index);
  return ocsfFinding(raw as JsonRecord, index, lookup);
}

function checkOcsfFields(file: string, raw: JsonRecord, index: number): void {
  const missing = missingOcsfFields(raw);
  if (missing.length > 0) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `finding [${index}] lacks the OCSF fields ${missing.join(', ')} that every Prowler finding carries`, EXPECTED_PROWLER_OCSF);
  }
}

function ocsfFinding(f: JsonRecord, index: number, lookup: RequirementControlLookup | undefined): ScannerFinding {
  const info = record(f['finding_info']) ?? record(f['finding']) ?? {};
  const metadata = record(f['metadata']);
  const checkId = filled(metadata?.['event_code']) ?? filled(record(record(metadata?.['product'])?.['feature'])?.['uid']);
  const resource = record(list(f['resources'])[0]);
  const id = filled(info['uid']) ?? `${checkId ?? 'finding'}#${index}`;
  const { requirements, standardIds } = ocsfCompliance(record(record(f['unmapped'])?.['compliance']), stringList(record(f['compliance'])?.['requirements']));
  return complete({
    source: 'prowler',
    id,
    title: filled(info['title']) ?? checkId ?? id,
    status: statusOf(f['status_code']) ?? statusOf(record(f['compliance'])?.['status']) ?? 'not_available',
    severity: severityOf(f['severity'], f['severity_id']),
    checkId,
    resource: filled(resource?.['uid']) ?? filled(resource?.['name']) ?? null,
    requirements: [...requirements],
    standardIds,
  }, lookup);
}

type OcsfCompliance = { requirements: readonly RequirementRef[]; standardIds: string[] };
/** Findings of one check carry the same groups (Prowler writes one finding per resource): each set of groups is read once. */
const knownCompliance = new Map<string, OcsfCompliance>();
const KNOWN_COMPLIANCE_MAX = 10_000;

/**
 * The requirements and the Security Hub control ids a finding's compliance groups name:
 * `unmapped.compliance` (Prowler 4 and 5), or the lines Prowler 3 wrote,
 * "HIPAA: ['164_308_a_4_ii_a', '164_312_e_1']".
 */
function ocsfCompliance(grouped: JsonRecord | undefined, lines: readonly string[]): OcsfCompliance {
  // keyed by the groups as written: what they come to depends on nothing else
  const key = JSON.stringify([grouped ?? null, lines]);
  let known = knownCompliance.get(key);
  if (!known) {
    const requirements: RequirementRef[] = [];
    const standardIds: string[] = [];
    for (const [label, written] of Object.entries(grouped ?? {})) {
      const ids = stringList(written);
      requirements.push(...requirementsFromGroup(label, ids));
      standardIds.push(...standardIdsOfGroup(label, ids));
    }
    for (const line of lines) {
      const m = /^([^:]+):\s*\[(.*)\]$/.exec(line);
      if (m) requirements.push(...requirementsFromGroup(m[1] ?? '', [...(m[2] ?? '').matchAll(/'([^']*)'/g)].map((q) => q[1])));
    }
    known = { requirements: uniqueRefs(requirements), standardIds };
    if (knownCompliance.size >= KNOWN_COMPLIANCE_MAX) knownCompliance.clear();
    knownCompliance.set(key, known);
  }
  return { requirements: known.requirements, standardIds: [...known.standardIds] };
}

/**
 * Prowler's compliance groups of other standards as Security Hub ids: `CIS-1.4: ["2.1.5"]` is
 * `CIS-1.4.0/2.1.5`, `AWS-Foundational-Security-Best-Practices: ["EC2.8"]` is `EC2.8`. A PCI DSS
 * v3.2.1 group is left out: its requirement numbers are not Security Hub controls, nor v4.0.1's.
 */
function standardIdsOfGroup(label: string, ids: readonly string[]): string[] {
  const cis = /^CIS-(\d+)\.(\d+)(?:\.(\d+))?$/i.exec(label.trim());
  if (cis) return ids.map((id) => `CIS-${cis[1]}.${cis[2]}.${cis[3] ?? '0'}/${id}`);
  if (/foundational[-_ ]security[-_ ]best[-_ ]practices|^fsbp$/i.test(label.trim())) return [...ids];
  return [];
}

/**
 * The fields OCSF requires of a Detection Finding and Prowler always writes (Prowler 3's `finding`
 * form: its uid and title). Without them a record is not a finding, whatever its keys look like.
 */
function missingOcsfFields(f: JsonRecord): string[] {
  const missing: string[] = [];
  const legacy = !isRecord(f['finding_info']) && isRecord(f['finding']);
  const info = record(f['finding_info']) ?? record(f['finding']) ?? {};
  const prefix = legacy ? 'finding' : 'finding_info';
  if (!filled(info['uid'])) missing.push(`${prefix}.uid`);
  if (!filled(info['title'])) missing.push(`${prefix}.title`);
  if (legacy) return missing;
  if (!isRecord(f['metadata'])) missing.push('metadata');
  if (typeof f['severity_id'] !== 'number') missing.push('severity_id');
  if (typeof f['class_uid'] !== 'number') missing.push('class_uid');
  if (typeof f['status_code'] !== 'string' && typeof f['status_id'] !== 'number') missing.push('status_code');
  return missing;
}

// ---- Prowler compliance CSV -----------------------------------------------------------------

const PROWLER_CSV_REQUIRED = ['REQUIREMENTS_ID', 'STATUS', 'CHECKID'];

export function looksLikeProwlerComplianceCsv(csvText: string): boolean {
  const firstLine = csvText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = firstLine.toUpperCase().split(';').map((c) => c.trim());
  return PROWLER_CSV_REQUIRED.every((c) => columns.includes(c));
}

export function importProwlerComplianceCsv(file: string, csvText: string, lookup?: RequirementControlLookup): ScannerFinding[] {
  const { header, rows } = parseCsv(file, csvText, ';', EXPECTED_PROWLER_CSV);
  const upper = header.map((h) => h.toUpperCase());
  const missing = PROWLER_CSV_REQUIRED.filter((c) => !upper.includes(c));
  if (missing.length > 0) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `the CSV lacks ${missing.join(', ')}`, EXPECTED_PROWLER_CSV);
  const get = (row: CsvRow, column: string) => {
    const index = upper.indexOf(column);
    return index >= 0 ? (row[header[index] ?? ''] ?? '') : '';
  };
  // One finding per check and resource; each row adds one requirement of the file's framework.
  const groups = new Map<string, Draft>();
  for (const row of rows) {
    const checkId = get(row, 'CHECKID');
    const manual = checkId === '' || checkId.toLowerCase() === 'manual';
    const resourceId = get(row, 'RESOURCEID');
    const key = manual
      ? `manual|${get(row, 'REQUIREMENTS_ID')}`
      : [checkId, get(row, 'ACCOUNTID'), get(row, 'REGION'), resourceId].join('|');
    const label = get(row, 'FRAMEWORK') || frameworkFromFileName(file);
    const refs = requirementsFromGroup(label, [get(row, 'REQUIREMENTS_ID')]);
    const status = statusOf(get(row, 'STATUS')) ?? 'not_available';
    const existing = groups.get(key);
    if (existing) {
      existing.requirements = uniqueRefs([...existing.requirements, ...refs]);
      if (status === 'fail') existing.status = 'fail';
      continue;
    }
    groups.set(key, {
      source: 'prowler',
      id: key,
      title: get(row, 'STATUSEXTENDED') || get(row, 'REQUIREMENTS_DESCRIPTION') || checkId || key,
      status,
      severity: null, // the compliance CSV carries none
      checkId: manual ? undefined : checkId,
      resource: manual || resourceId === '' || resourceId === 'manual_check' ? null : resourceId,
      requirements: refs,
    });
  }
  return [...groups.values()].map((d) => complete(d, lookup));
}

// ---- Prowler default CSV (-M csv) -----------------------------------------------------------

export const EXPECTED_PROWLER_DEFAULT_CSV = "Prowler's default CSV (prowler -M csv: semicolon-separated, with CHECK_ID, STATUS, SEVERITY and COMPLIANCE columns)";
const PROWLER_DEFAULT_REQUIRED = ['CHECK_ID', 'STATUS', 'SEVERITY', 'FINDING_UID'];

export function looksLikeProwlerDefaultCsv(csvText: string): boolean {
  const firstLine = csvText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = firstLine.toUpperCase().split(';').map((c) => c.trim());
  return PROWLER_DEFAULT_REQUIRED.every((c) => columns.includes(c));
}

/** One finding per row; COMPLIANCE reads `HIPAA: 164_308_a_1_ii_b, 164_312_b | PCI-4.0: 10.2.1`. */
export function importProwlerDefaultCsv(file: string, csvText: string, lookup?: RequirementControlLookup): ScannerFinding[] {
  const { header, rows } = parseCsv(file, csvText, ';', EXPECTED_PROWLER_DEFAULT_CSV);
  const upper = header.map((h) => h.toUpperCase());
  const missing = PROWLER_DEFAULT_REQUIRED.filter((c) => !upper.includes(c));
  if (missing.length > 0) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `the CSV lacks ${missing.join(', ')}`, EXPECTED_PROWLER_DEFAULT_CSV);
  const get = (row: CsvRow, column: string) => {
    const index = upper.indexOf(column);
    return index >= 0 ? (row[header[index] ?? ''] ?? '') : '';
  };
  return rows.map((row, i) => {
    const requirements: RequirementRef[] = [];
    // CIS and FSBP groups place a check we do not know under Security Hub controls, as in JSON-OCSF
    const standardIds: string[] = [];
    for (const group of get(row, 'COMPLIANCE').split('|')) {
      const colon = group.indexOf(':');
      if (colon <= 0) continue;
      const label = group.slice(0, colon).trim();
      const ids = group.slice(colon + 1).split(',').map((id) => id.trim()).filter(Boolean);
      requirements.push(...requirementsFromGroup(label, ids));
      standardIds.push(...standardIdsOfGroup(label, ids));
    }
    const checkId = filled(get(row, 'CHECK_ID'));
    // A muted finding is one a person decided to accept: kept, never an open gap.
    const muted = get(row, 'MUTED').toLowerCase() === 'true';
    const status = statusOf(get(row, 'STATUS')) ?? 'not_available';
    return {
      source: 'prowler',
      id: filled(get(row, 'FINDING_UID')) ?? `${checkId ?? 'finding'}#${i}`,
      title: filled(get(row, 'STATUS_EXTENDED')) ?? filled(get(row, 'CHECK_TITLE')) ?? checkId ?? `row ${i + 2}`,
      status: muted && status === 'fail' ? 'closed' : status,
      severity: severityOf(get(row, 'SEVERITY')),
      checkId,
      resource: filled(get(row, 'RESOURCE_UID')) ?? filled(get(row, 'RESOURCE_NAME')) ?? null,
      requirements: uniqueRefs(requirements),
      standardIds,
    } satisfies Draft;
  }).map((d) => complete(d, lookup));
}

/** Prowler names compliance files `…_hipaa_aws.csv`, `…_pci_4.0_aws.csv`, `…_gdpr_aws.csv`. */
function frameworkFromFileName(file: string): string {
  const name = file.toLowerCase();
  if (name.includes('hipaa')) return 'HIPAA';
  if (name.includes('gdpr')) return 'GDPR';
  const pci = /pci[_-]?(\d+(?:\.\d+)*)?/.exec(name);
  return pci ? `PCI${pci[1] ? `-${pci[1]}` : ''}` : '';
}

// ---- Security Hub ASFF ----------------------------------------------------------------------

export function importSecurityHub(file: string, root: unknown, lookup?: RequirementControlLookup): ScannerFinding[] {
  const findings = Array.isArray(root) ? root : isRecord(root) ? root['Findings'] : undefined;
  if (!Array.isArray(findings) || !findings.every(isAsffShaped)) {
    throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, 'it has no Findings array of ASFF findings (each with an Id)', EXPECTED_SECURITY_HUB);
  }
  return findings.map((raw) => securityHubFinding(raw as JsonRecord, lookup));
}

export function isAsffShaped(f: unknown): boolean {
  return isRecord(f) && typeof f['Id'] === 'string';
}

/** One ASFF finding of a Findings array read as a stream. */
export function securityHubStreamFinding(file: string, raw: unknown, index: number, lookup?: RequirementControlLookup): ScannerFinding {
  if (!isAsffShaped(raw)) throw new AnalyzerError('DOCUMENT_KIND_MISMATCH', file, `finding [${index}] is not an ASFF finding (it has no Id)`, EXPECTED_SECURITY_HUB);
  return securityHubFinding(raw as JsonRecord, lookup);
}

function securityHubFinding(f: JsonRecord, lookup: RequirementControlLookup | undefined): ScannerFinding {
  const compliance = record(f['Compliance']);
  const product = record(f['ProductFields']);
  const generator = text(f['GeneratorId']) ?? '';
  const fromProwler = /\/prowler\//.test(text(f['ProductArn']) ?? '') || generator.startsWith('prowler-');
  const standards = standardsOf(f, product, compliance, generator);
  const cis = cisRecommendation(generator, product);
  const checkId =
    filled(compliance?.['SecurityControlId']) ??
    cis ??
    filled(product?.['ControlId']) ??
    (generator.startsWith('prowler-') ? generator.slice('prowler-'.length) : undefined) ??
    /^security-control\/(.+)$/.exec(generator)?.[1];
  const severity = record(f['Severity']);
  const provided = record(record(f['FindingProviderFields'])?.['Severity']);
  // Requirement numbers of the PCI DSS v3.2.1 standard are not v4.0.1's: never map them across versions.
  const pci321Only = standards.some((a) => /pci-dss\/v\/3\.2\.1/.test(a)) && !standards.some((a) => /pci-dss\/v\/4/.test(a));
  const requirements = stringList(compliance?.['RelatedRequirements'])
    .flatMap(requirementsFromReference)
    .filter((r) => !(pci321Only && r.framework === 'pci'));
  return complete({
    source: fromProwler ? 'prowler' : 'securityhub',
    id: text(f['Id']) ?? '',
    title: filled(f['Title']) ?? checkId ?? (text(f['Id']) ?? ''),
    status: securityHubStatus(f, compliance),
    severity: severityOf(severity?.['Label']) ?? normalizedSeverity(severity?.['Normalized']) ?? severityOf(provided?.['Label']) ?? severityOf(provided?.['Original']),
    checkId,
    resource: filled(record(list(f['Resources'])[0])?.['Id']) ?? null,
    requirements: uniqueRefs(requirements),
  }, lookup);
}

/**
 * Archived records (the resource is gone) and suppressed or resolved workflows are closed (a resolved
 * pass stays a pass); a finding with no compliance check (GuardDuty, Inspector) that is still
 * active is an open issue.
 */
function securityHubStatus(f: JsonRecord, compliance: JsonRecord | undefined): ScannerStatus {
  const record_ = text(f['RecordState'])?.toUpperCase();
  const workflow = (text(record(f['Workflow'])?.['Status']) ?? text(f['WorkflowState']))?.toUpperCase();
  const compliance_ = compliance ? statusOf(compliance['Status']) : undefined;
  if (record_ === 'ARCHIVED' || workflow === 'SUPPRESSED') return 'closed';
  // Security Hub sets a passed control's workflow to RESOLVED itself: that is still a pass.
  if (workflow === 'RESOLVED') return compliance_ === 'pass' ? 'pass' : 'closed';
  if (!compliance) return 'fail';
  return compliance_ ?? 'not_available';
}

/** The standards a finding belongs to, from every place ASFF writes them. */
function standardsOf(f: JsonRecord, product: JsonRecord | undefined, compliance: JsonRecord | undefined, generator: string): string[] {
  const found = [generator];
  for (const key of ['StandardsArn', 'StandardsGuideArn', 'StandardsControlArn', 'StandardsSubscriptionArn']) {
    const v = text(product?.[key]);
    if (v) found.push(v);
  }
  for (const a of list(compliance?.['AssociatedStandards'])) {
    const id = isRecord(a) ? text(a['StandardsId']) : undefined;
    if (id) found.push(id);
  }
  const type = text(f['Types']);
  if (type) found.push(type);
  return found.map((s) => s.toLowerCase());
}

/** `CIS-1.2.0/1.13` from a standard-specific CIS finding (GeneratorId or ProductFields), else undefined. */
function cisRecommendation(generator: string, product: JsonRecord | undefined): string | undefined {
  const sources = [generator, text(product?.['StandardsGuideArn']) ?? '', text(product?.['StandardsArn']) ?? '', text(product?.['StandardsControlArn']) ?? ''];
  const version = sources.map((s) => /cis-aws-foundations-benchmark\/v\/(\d+\.\d+\.\d+)/i.exec(s)?.[1]).find(Boolean);
  if (!version) return undefined;
  const number = filled(product?.['RuleId']) ?? /\/(\d+(?:\.\d+)+)$/.exec(generator)?.[1] ?? filled(product?.['ControlId']);
  return number && /^\d+(\.\d+)+$/.test(number) ? `CIS-${version}/${number}` : undefined;
}

/** ASFF's 0–100 scale, as Security Hub documents its label ranges. */
function normalizedSeverity(value: unknown): Severity | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return null;
  if (value >= 90) return 'critical';
  if (value >= 70) return 'high';
  if (value >= 40) return 'medium';
  if (value >= 1) return 'low';
  return 'info';
}

