// Team: members and roles, audit sessions, sign-off, exchange with teammates, backups.
import { api } from '../api';
import { useLoad } from '../hooks';
import { MembersPanel } from '../components/team/MembersPanel';
import { SessionsPanel } from '../components/team/SessionsPanel';
import { SignOffPanel } from '../components/team/SignOffPanel';
import { ExchangePanel } from '../components/team/ExchangePanel';
import { BackupsPanel } from '../components/team/BackupsPanel';

export function TeamScreen({ projectId, sessionActive, onChanged }: { projectId: string; sessionActive: boolean; onChanged: () => void }) {
  const overview = useLoad(() => api.getOverview({ projectId }), [projectId]);
  const me = useLoad(() => api.getMyMembership({ projectId }), [projectId]);
  return (
    <main className="screen" data-testid="screen-team" data-state={overview.data && me.data ? 'ready' : 'loading'}>
      <header className="screen-head">
        <div>
          <h1>Team and audit</h1>
          <p className="muted">{me.data?.member ? `You are ${me.data.member.name}, ${me.data.member.role} on this project.` : 'You are not a member of this project: you can read and export it.'}</p>
        </div>
      </header>
      <div className="columns">
        <div>
          <SessionsPanel projectId={projectId} frameworks={overview.data?.project.frameworks ?? []} active={sessionActive} onChanged={onChanged} />
          <SignOffPanel projectId={projectId} />
          <MembersPanel projectId={projectId} />
        </div>
        <div>
          <ExchangePanel projectId={projectId} onChanged={onChanged} />
          <BackupsPanel />
        </div>
      </div>
    </main>
  );
}
