// Team: members and roles, audit sessions, sign-off, exchange with teammates, backups.
import { useWorkbench } from '../data/queries';
import { MembersPanel } from '../components/team/MembersPanel';
import { SessionsPanel } from '../components/team/SessionsPanel';
import { SignOffPanel } from '../components/team/SignOffPanel';
import { ExchangePanel } from '../components/team/ExchangePanel';
import { BackupsPanel } from '../components/team/BackupsPanel';
import { SyncPanel } from '../components/team/SyncPanel';

export function TeamScreen({ projectId, sessionActive }: { projectId: string; sessionActive: boolean }) {
  const overview = useWorkbench('getOverview', { projectId });
  const me = useWorkbench('getMyMembership', { projectId });
  return (
    <main className="screen" data-testid="screen-team" data-state={overview.data && me.data ? 'ready' : 'loading'}>
      <header className="screen-head">
        <div>
          <h1>Team and audit</h1>
          <p className="muted" aria-busy={me.data ? undefined : true}>{me.error ? me.error.message : !me.data ? 'Loading your role…' : me.data.member ? `You are ${me.data.member.name}, ${me.data.member.role} on this project.` : 'You are not a member of this project: you can read and export it.'}</p>
        </div>
      </header>
      <div className="columns">
        <div>
          <SessionsPanel projectId={projectId} frameworks={overview.data?.project.frameworks ?? []} active={sessionActive} roleKnown={Boolean(me.data)} />
          <SignOffPanel projectId={projectId} roleKnown={Boolean(me.data)} />
          <MembersPanel projectId={projectId} />
        </div>
        <div>
          <SyncPanel projectId={projectId} />
          <ExchangePanel projectId={projectId} />
          <BackupsPanel />
        </div>
      </div>
    </main>
  );
}
