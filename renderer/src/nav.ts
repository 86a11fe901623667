// The project screens in the sidebar, each with its "g" + letter shortcut (handled in App), and
// that list as rows for a screen's shortcut sheet.
import type { Route } from './router';

export const PROJECT_NAV: Array<{ screen: Exclude<Route['screen'], 'projects' | 'frameworks' | 'framework' | 'control'>; label: string; key: string }> = [
  { screen: 'home', label: 'Overview', key: 'g o' },
  { screen: 'walkthrough', label: 'Walkthrough', key: 'g w' },
  { screen: 'checklist', label: 'Checklist', key: 'g c' },
  { screen: 'coverage', label: 'Coverage', key: 'g v' },
  { screen: 'findings', label: 'Findings', key: 'g f' },
  { screen: 'data', label: 'Data', key: 'g d' },
  { screen: 'reports', label: 'Reports', key: 'g r' },
  { screen: 'audit', label: 'Team & audit', key: 'g t' },
];

/** The go-to shortcuts, for a shortcut sheet. */
export const NAVIGATION_SHORTCUTS: Array<[string, string]> = [
  ['g p', 'Go to all projects'],
  ...PROJECT_NAV.map((item): [string, string] => [item.key, `Go to ${item.label}`]),
];
