// A small hash router: the address says which project and screen is open, so reload keeps it.
import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'projects' }
  | { screen: 'frameworks' }
  | { screen: 'framework'; frameworkId: string }
  | { screen: 'home'; projectId: string }
  | { screen: 'walkthrough'; projectId: string; controlId?: string; finished?: boolean }
  | { screen: 'checklist'; projectId: string }
  | { screen: 'coverage'; projectId: string; framework?: string }
  | { screen: 'control'; projectId: string; controlId: string }
  | { screen: 'findings'; projectId: string }
  | { screen: 'data'; projectId: string }
  | { screen: 'reports'; projectId: string }
  | { screen: 'audit'; projectId: string };

/** The screens outside any project: the project list and the imported frameworks. */
export type GlobalRoute = Extract<Route, { screen: 'projects' | 'frameworks' | 'framework' }>;
export type ProjectScreen = Exclude<Route, GlobalRoute>['screen'];

export function isGlobalRoute(route: Route): route is GlobalRoute {
  return route.screen === 'projects' || route.screen === 'frameworks' || route.screen === 'framework';
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'frameworks') return parts[1] ? { screen: 'framework', frameworkId: parts[1] } : { screen: 'frameworks' };
  if (parts[0] !== 'p' || !parts[1]) return { screen: 'projects' };
  const projectId = parts[1];
  switch (parts[2]) {
    case undefined:
      return { screen: 'home', projectId };
    case 'walk':
      return params.get('done') === '1'
        ? { screen: 'walkthrough', projectId, finished: true }
        : { screen: 'walkthrough', projectId, controlId: params.get('c') ?? undefined };
    case 'checklist':
      return { screen: 'checklist', projectId };
    case 'coverage':
      return { screen: 'coverage', projectId, framework: params.get('f') ?? undefined };
    case 'control':
      return parts[3] ? { screen: 'control', projectId, controlId: parts[3] } : { screen: 'checklist', projectId };
    case 'findings':
    case 'data':
    case 'reports':
    case 'audit':
      return { screen: parts[2], projectId };
    default:
      return { screen: 'home', projectId };
  }
}

export function href(route: Route): string {
  if (route.screen === 'projects') return '#/';
  if (route.screen === 'frameworks') return '#/frameworks';
  if (route.screen === 'framework') return `#/frameworks/${encodeURIComponent(route.frameworkId)}`;
  const base = `#/p/${encodeURIComponent(route.projectId)}`;
  switch (route.screen) {
    case 'home':
      return base;
    case 'walkthrough':
      return `${base}/walk${route.finished ? '?done=1' : route.controlId ? `?c=${encodeURIComponent(route.controlId)}` : ''}`;
    case 'control':
      return `${base}/control/${encodeURIComponent(route.controlId)}`;
    case 'coverage':
      return `${base}/coverage${route.framework ? `?f=${route.framework}` : ''}`;
    default:
      return `${base}/${route.screen === 'checklist' ? 'checklist' : route.screen}`;
  }
}

export function navigate(route: Route, replace = false): void {
  const target = href(route);
  if (replace) history.replaceState(null, '', target);
  else window.location.hash = target;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
