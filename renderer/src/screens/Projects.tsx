// The start screen: recent projects with their readiness, and creating a new one.
import { useState, type FormEvent } from 'react';
import { useWorkbench, write } from '../data/queries';
import { navigate } from '../router';
import { Dialog } from '../components/Dialog';
import { ReadinessRing } from '../components/charts';
import { useToast } from '../components/Toasts';
import { FRAMEWORK_IDS, frameworkLabel, isBuiltinFramework, type FrameworkRef, type Project } from '../../../shared/domain';
import { useFrameworkName } from '../data/framework-names';

export function ProjectsScreen() {
  const frameworkName = useFrameworkName();
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [archiving, setArchiving] = useState<Project>();
  // every project, archived included, so that an empty list can tell "none yet" from "all archived"
  const projects = useWorkbench('listProjects', { includeArchived: true });
  const all = projects.data;
  const shown = all?.filter((s) => showArchived || !s.project.archivedAt);
  const toast = useToast();

  const setArchived = async (project: Project, archived: boolean) => {
    try {
      await write('updateProject', { projectId: project.id, archived });
      if (archived) toast.info(`Project "${project.name}" archived`, { label: 'Undo', run: () => void setArchived(project, false) });
      else toast.info(`Project "${project.name}" restored`);
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <main className="screen" data-testid="screen-projects" data-state={projects.loading ? 'loading' : 'ready'}>
      <header className="screen-head">
        <div>
          <h1>Projects</h1>
          <p className="muted">Each project is one ML workload under assessment, with its own checklist and evidence.</p>
        </div>
        <div className="actions">
          <label className="check">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived
          </label>
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-project">New project</button>
        </div>
      </header>
      {projects.error ? <p className="error-text" role="alert">{projects.error.message}</p> : null}
      {all && all.length === 0 ? (
        <section className="empty">
          <h2>No projects yet</h2>
          <p>Create a project for the workload you are preparing: name it and choose the frameworks in scope.</p>
          <button type="button" className="primary" onClick={() => setCreating(true)}>Create the first project</button>
        </section>
      ) : null}
      {all && all.length > 0 && shown?.length === 0 ? (
        <section className="empty">
          <h2>All projects are archived</h2>
          <p>{all.length === 1 ? 'The only project is archived.' : `All ${all.length} projects are archived.`} Show them to open or restore one, or create a new project.</p>
          <button type="button" onClick={() => setShowArchived(true)}>Show archived</button>
        </section>
      ) : null}
      <ul className="project-grid" aria-label="Projects">
        {shown?.map(({ project, overall }) => (
          <li key={project.id} className={`project-card${project.archivedAt ? ' archived' : ''}`} data-testid="project-card">
            <a href={`#/p/${project.id}`} className="project-link">
              <ReadinessRing readiness={overall} label="Ready" size={84} />
              <div className="project-text">
                <h2>{project.name}</h2>
                <p className="muted clamp">{project.description || 'No description'}</p>
                <p className="chips">{project.frameworks.map((f) => <span key={f} className={`chip fw-${f}`}>{frameworkName(f)}</span>)}</p>
                <p className="muted small">Updated {project.updatedAt.slice(0, 10)} · {project.id}{project.archivedAt ? ' · archived' : ''}</p>
              </div>
            </a>
            {project.archivedAt ? (
              <button type="button" className="ghost small" onClick={() => void setArchived(project, false)}>Restore</button>
            ) : (
              <button type="button" className="ghost small" onClick={() => setArchiving(project)}>Archive</button>
            )}
          </li>
        ))}
      </ul>
      <Dialog open={archiving !== undefined} title="Archive project?" onClose={() => setArchiving(undefined)} testId="archive-dialog">
        {archiving ? (
          <div className="form">
            <p>Archive <strong>{archiving.name}</strong>? It leaves the project list; its checklist, evidence and history are kept, and “Show archived” brings it back to restore.</p>
            <div className="form-actions">
              <button type="button" onClick={() => setArchiving(undefined)}>Cancel</button>
              <button type="button" className="primary" onClick={() => { const p = archiving; setArchiving(undefined); void setArchived(p, true); }}>Archive project</button>
            </div>
          </div>
        ) : null}
      </Dialog>
      <NewProjectDialog open={creating} onClose={() => setCreating(false)} />
    </main>
  );
}

function NewProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [frameworks, setFrameworks] = useState<FrameworkRef[]>(['hipaa']);
  // the built-in frameworks and every imported one, as the catalog has them
  const catalog = useWorkbench('getCatalogSummary', open ? {} : undefined);
  const choices = (catalog.data?.frameworks ?? FRAMEWORK_IDS.map((id) => ({ id, name: '' })))
    .map(({ id, name }) => ({ id, name: isBuiltinFramework(id) ? frameworkLabel(id) : `${name} (imported)` }));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const project = await write('createProject', { name, description, frameworks });
      onClose();
      setName('');
      setDescription('');
      navigate({ screen: 'home', projectId: project.id });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title="New project" onClose={onClose} testId="new-project-dialog">
      <form onSubmit={(e) => void submit(e)} className="form">
        <label>
          Name
          <input autoFocus required value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Claims triage model" data-testid="project-name" />
        </label>
        <label>
          Description
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} placeholder="What the workload does and which data it uses" />
        </label>
        <fieldset>
          <legend>Frameworks in scope</legend>
          {choices.map(({ id: f, name: label }) => (
            <label key={f} className="check">
              <input
                type="checkbox"
                checked={frameworks.includes(f)}
                onChange={(e) => setFrameworks((cur) => (e.target.checked ? [...cur, f] : cur.filter((x) => x !== f)))}
                data-testid={`fw-${f}`}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {error ? <p className="error-text" role="alert">{error}</p> : null}
        <div className="form-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy} data-testid="create-project">Create project</button>
        </div>
      </form>
    </Dialog>
  );
}
