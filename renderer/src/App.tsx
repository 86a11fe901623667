// The window: a sidebar for the open project's screens, the screen itself, and toasts.
import { useEffect, useRef, useState } from 'react';
import { isTyping, useKeyboard } from './hooks';
import { useWorkbench } from './data/queries';
import { href, isGlobalRoute, navigate, useRoute, type Route } from './router';
import { ToastProvider } from './components/Toasts';
import { formatPercent } from './components/charts';
import { ProjectsScreen } from './screens/Projects';
import { ProjectHome } from './screens/ProjectHome';
import { Walkthrough } from './screens/Walkthrough';
import { ChecklistScreen } from './screens/Checklist';
import { ControlDetailScreen } from './screens/ControlDetail';
import { CoverageScreen } from './screens/Coverage';
import { ReportsScreen } from './screens/Reports';
import { FindingsScreen } from './screens/Findings';
import { TeamScreen } from './screens/Team';
import { DataScreen } from './screens/Data';
import { FrameworkMappingScreen, FrameworksScreen } from './screens/Frameworks';
import { ProfileDialog } from './components/team/ProfileDialog';
import { SessionBanner } from './components/team/SessionBanner';
import { PROJECT_NAV } from './nav';

export function App() {
  const route = useRoute();
  const info = useWorkbench('getAppInfo', {});
  const projectId = isGlobalRoute(route) ? undefined : route.projectId;
  const overview = useWorkbench('getOverview', projectId ? { projectId } : undefined);
  const profile = useWorkbench('getProfile', {});
  const [profileOpen, setProfileOpen] = useState(false);
  const active = useWorkbench('getActiveSession', projectId ? { projectId } : undefined);
  const activeSession = projectId ? active.data?.session ?? null : null;

  useEffect(() => {
    if (profile.data && !profile.data.chosen) setProfileOpen(true);
  }, [profile.data]);

  // "g" then a letter goes to a project screen, as in mail and issue trackers
  const pendingG = useRef(0);
  useKeyboard((e) => {
    if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey || document.querySelector('dialog[open]')) return;
    if (e.key === 'g') { pendingG.current = Date.now(); return; }
    if (Date.now() - pendingG.current > 1200) return;
    pendingG.current = 0;
    if (e.key === 'p') { navigate({ screen: 'projects' }); return; }
    const target = PROJECT_NAV.find((item) => item.key === `g ${e.key}`);
    if (target && projectId) navigate({ screen: target.screen, projectId } as Route);
  });

  // choosing a screen in the sidebar moves focus to that screen, as a page load would
  const routeKey = JSON.stringify(route);
  useEffect(() => {
    if (document.activeElement?.closest('.sidebar')) focusMain();
  }, [routeKey]);

  useEffect(() => {
    document.documentElement.dataset.appState = info.data ? 'ready' : info.error ? 'error' : 'loading';
  }, [info.data, info.error]);

  useEffect(() => {
    const name = overview.data?.project.name;
    document.title = name ? `${name} · Compliance Workbench` : 'Compliance Workbench';
  }, [overview.data?.project.name]);

  if (info.error) {
    return (
      <main className="screen fatal" role="alert">
        <h1>Compliance Workbench is not connected</h1>
        <p>{info.error.message}</p>
        <p>In browser mode, open the address that <code>npm run start:web</code> printed, including its <code>#token=…</code> part.</p>
      </main>
    );
  }

  return (
    <ToastProvider>
      <div className="layout">
        <a className="skip-link" href="#/" onClick={(e) => { e.preventDefault(); focusMain(); }}>Skip to content</a>
        <aside className="sidebar">
          <a className="brand" href="#/"><span className="logo" aria-hidden="true">◆</span> Compliance Workbench</a>
          <nav aria-label="Main">
            <a href="#/" aria-current={route.screen === 'projects' ? 'page' : undefined}>All projects</a>
            <a href="#/frameworks" aria-current={route.screen === 'frameworks' || route.screen === 'framework' ? 'page' : undefined}>Frameworks</a>
          </nav>
          {projectId ? (
            <nav aria-label="Project" className="project-nav">
              <p className="nav-project" title={overview.data?.project.name}>{overview.data?.project.name ?? '…'}</p>
              {overview.data ? <p className="nav-score">{formatPercent(overview.data.overall.percent)} ready</p> : null}
              {PROJECT_NAV.map((item) => (
                <a key={item.screen} href={href({ screen: item.screen, projectId } as Route)} aria-current={route.screen === item.screen ? 'page' : undefined}>
                  {item.label}<kbd className="nav-key" aria-hidden="true">{item.key}</kbd>
                </a>
              ))}
            </nav>
          ) : null}
          <div className="sidebar-foot sidebar-profile small">
            <span className="muted">{info.data ? `v${info.data.version} · catalog ${info.data.catalogVersion}` : ''}</span>
            <span>Working as <strong data-testid="profile-current">{profile.data?.name ?? '…'}</strong></span>
            <button type="button" className="small" onClick={() => setProfileOpen(true)} data-testid="switch-profile">Switch profile</button>
          </div>
        </aside>
        <div className="content">
          {projectId && activeSession ? <SessionBanner projectId={projectId} session={activeSession} /> : null}
          {info.data ? <Screen route={route} sessionActive={Boolean(activeSession)} /> : null}
        </div>
        {profileOpen ? (
          <ProfileDialog open profile={profile.data} firstStart={!profile.data?.chosen} onClose={() => setProfileOpen(false)} />
        ) : null}
      </div>
    </ToastProvider>
  );
}

/** Focus the screen's main landmark (not a tab stop of its own, so it takes focus by script only). */
function focusMain(): void {
  const main = document.querySelector<HTMLElement>('.content main');
  if (!main) return;
  main.tabIndex = -1;
  main.focus({ preventScroll: false });
}

function Screen({ route, sessionActive }: { route: Route; sessionActive: boolean }) {
  switch (route.screen) {
    case 'projects':
      return <ProjectsScreen />;
    case 'frameworks':
      return <FrameworksScreen />;
    case 'framework':
      return <FrameworkMappingScreen key={route.frameworkId} frameworkId={route.frameworkId} />;
    case 'home':
      return <ProjectHome key={route.projectId} projectId={route.projectId} />;
    case 'walkthrough':
      return <Walkthrough projectId={route.projectId} controlId={route.controlId} finished={route.finished ?? false} />;
    case 'checklist':
      return <ChecklistScreen projectId={route.projectId} />;
    case 'control':
      return <ControlDetailScreen projectId={route.projectId} controlId={route.controlId} />;
    case 'coverage':
      return <CoverageScreen projectId={route.projectId} framework={route.framework} />;
    case 'findings':
      return <FindingsScreen projectId={route.projectId} />;
    case 'data':
      return <DataScreen projectId={route.projectId} />;
    case 'audit':
      return <TeamScreen projectId={route.projectId} sessionActive={sessionActive} />;
    case 'reports':
      return <ReportsScreen projectId={route.projectId} />;
  }
}
