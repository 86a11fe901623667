// Imported frameworks (OSCAL catalogs and profiles, CISO Assistant libraries): the list with how
// much of each is mapped, importing one, and mapping its requirements to our controls, one by one
// or from a mapping file (CSV or CISO Assistant mapping set).
import { useMemo, useRef, useState } from 'react';
import { useWorkbench, write } from '../data/queries';
import { href } from '../router';
import { isTyping, useKeyboard } from '../hooks';
import { useToast } from '../components/Toasts';
import type { FrameworkMappingView, MappedControl } from '../../../shared/framework-import';

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A picked file as core takes it: its name and its text. */
async function readDocument(file: File): Promise<{ name: string; text: string }> {
  return { name: file.name, text: await file.text() };
}

export function FrameworksScreen() {
  const frameworks = useWorkbench('listFrameworks', {});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // An OSCAL profile selects from a catalog: the catalog picked for it, and the last profile
  // refused, so that picking its catalog afterwards imports the two together.
  const [catalog, setCatalog] = useState<{ name: string; text: string }>();
  const [refusedProfile, setRefusedProfile] = useState<{ name: string; text: string }>();
  const toast = useToast();

  const importDocuments = async (doc: { name: string; text: string }, catalogDoc: { name: string; text: string } | undefined) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await write('importFramework', catalogDoc ? { file: doc, catalog: catalogDoc } : { file: doc });
      setRefusedProfile(undefined);
      toast.info(result.unchanged
        ? `${result.name} ${result.version} was already imported; nothing changed`
        : `Imported ${result.name} ${result.version}: ${result.assessable} assessable requirements${result.carriedMappings ? `, ${result.carriedMappings} mappings carried over` : ''}`);
    } catch (err) {
      setError(errorText(err));
      setRefusedProfile(isOscalProfile(doc.text) ? doc : undefined);
    } finally {
      setBusy(false);
    }
  };
  const importFile = async (file: File) => importDocuments(await readDocument(file), catalog);
  const pickCatalog = async (file: File) => {
    const doc = await readDocument(file);
    setCatalog(doc);
    if (refusedProfile) await importDocuments(refusedProfile, doc);
  };

  const current = frameworks.data?.filter((f) => f.current) ?? [];
  return (
    <main className="screen" data-testid="screen-frameworks" data-state={frameworks.loading ? 'loading' : 'ready'}>
      <header className="screen-head">
        <div>
          <h1>Frameworks</h1>
          <p className="muted">Bring your own framework (an OSCAL catalog or profile in JSON, a CISO Assistant library in YAML) and map its requirements to the workbench’s controls.</p>
        </div>
        <div className="actions">
          <label className={`button primary mapping-pick${busy ? ' disabled' : ''}`}>
            Import a framework…
            <input type="file" accept=".json,.yaml,.yml" className="visually-hidden" disabled={busy}
              onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ''; }} />
          </label>
          <label className={`button mapping-pick${busy ? ' disabled' : ''}`}>
            Profile’s catalog…
            <input type="file" accept=".json" className="visually-hidden" disabled={busy}
              onChange={(e) => { const f = e.target.files?.[0]; if (f) void pickCatalog(f); e.target.value = ''; }} />
          </label>
        </div>
      </header>
      <p className="muted small">
        An OSCAL profile selects its requirements from a catalog: choose the catalog with “Profile’s catalog…”, before or after the profile.
        {catalog ? <> Catalog for a profile: <strong>{catalog.name}</strong>{' '}
          <button type="button" className="link" onClick={() => setCatalog(undefined)}>Forget it</button></> : null}
      </p>
      {error ? <p className="error-text" role="alert">{error}</p> : null}
      {frameworks.error ? <p className="error-text" role="alert">{frameworks.error.message}</p> : null}
      {frameworks.data && current.length === 0 ? (
        <section className="empty">
          <h2>No imported frameworks yet</h2>
          <p>HIPAA, GDPR and PCI DSS are built in. Import another framework’s file to map it to the controls and assess projects against it.</p>
        </section>
      ) : null}
      {current.length > 0 ? (
        <table className="table" aria-label="Imported frameworks">
          <thead>
            <tr><th scope="col">Framework</th><th scope="col">Version</th><th scope="col">Source</th><th scope="col">Requirements</th><th scope="col">Mapped</th><th scope="col">Projects</th></tr>
          </thead>
          <tbody>
            {current.map((f) => (
              <tr key={f.id}>
                <td><a href={href({ screen: 'framework', frameworkId: f.id })}>{f.name}</a><div className="muted small">{f.id}</div></td>
                <td>{f.version}</td>
                <td>{SOURCE_LABELS[f.source]}<div className="muted small" title={f.fileName}>{f.fileName}</div></td>
                <td>{f.assessable} assessable{f.requirements !== f.assessable ? ` of ${f.requirements}` : ''}</td>
                <td>{f.mapped} of {f.assessable}</td>
                <td>{f.projects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}

/** Whether a picked file reads as an OSCAL profile (a hint for the import; core decides). */
function isOscalProfile(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && 'profile' in parsed;
  } catch {
    return false;
  }
}

const SOURCE_LABELS = { 'oscal-catalog': 'OSCAL catalog', 'oscal-profile': 'OSCAL profile', 'ciso-assistant': 'CISO Assistant library' } as const;

type Requirement = FrameworkMappingView['requirements'][number];

export function FrameworkMappingScreen({ frameworkId }: { frameworkId: string }) {
  const view = useWorkbench('getFrameworkMapping', { framework: frameworkId });
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const toast = useToast();

  // "/" focuses the requirement search, as on the checklist
  useKeyboard((e) => {
    if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey || document.querySelector('dialog[open]')) return;
    if (e.key === '/') { e.preventDefault(); searchRef.current?.focus(); searchRef.current?.select(); }
  });

  const assessable = useMemo(() => view.data?.requirements.filter((r) => r.assessable) ?? [], [view.data]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? assessable.filter((r) => r.ref.toLowerCase().includes(q) || r.title.toLowerCase().includes(q)) : assessable;
  }, [assessable, query]);
  const requirement = assessable.find((r) => r.id === selected);

  const mapFile = async (file: File) => {
    setBusy(true);
    setFileError(undefined);
    try {
      const result = await write('mapFrameworkFile', { framework: frameworkId, file: await readDocument(file) });
      toast.info(`Mapping file applied: ${result.changed.length} requirements changed; ${result.mapped} of ${result.assessable} mapped`);
    } catch (err) {
      setFileError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const framework = view.data?.framework;
  return (
    <main className="screen" data-testid="screen-framework" data-state={view.loading ? 'loading' : 'ready'}>
      <p className="small"><a href={href({ screen: 'frameworks' })}>← All frameworks</a></p>
      <header className="screen-head">
        <div>
          <h1>{framework ? `Map ${framework.name}` : 'Map a framework'}</h1>
          {framework ? <p className="muted">Version {framework.version} · {framework.mapped} of {framework.assessable} requirements mapped · {framework.projects} projects follow it</p> : null}
        </div>
        <div className="actions">
          <label className={`button mapping-pick${busy ? ' disabled' : ''}`}>
            Map from file…
            <input type="file" accept=".csv,.yaml,.yml" className="visually-hidden" disabled={busy || !framework}
              onChange={(e) => { const f = e.target.files?.[0]; if (f) void mapFile(f); e.target.value = ''; }} />
          </label>
        </div>
      </header>
      <p className="muted small">A mapping file is a CSV with the columns <code>requirement,control,coverage</code> (coverage <code>full</code> or <code>partial</code>), or a CISO Assistant mapping set (YAML); it replaces the controls of the requirements it names.</p>
      {view.error ? <p className="error-text" role="alert">{view.error.message}</p> : null}
      {fileError ? <p className="error-text" role="alert">{fileError}</p> : null}
      {view.data ? (
        <div className="mapping-layout">
          <section className="panel mapping-requirements" aria-labelledby="requirements-title">
            <h2 id="requirements-title">Requirements</h2>
            <input ref={searchRef} type="search" value={query} onChange={(e) => setQuery(e.target.value)}
              aria-label="Search requirements" placeholder="Search by id or title ( / )" aria-keyshortcuts="/" />
            <p className="muted small" role="status">{shown.length} of {assessable.length} requirements</p>
            <ul className="mapping-list" aria-label="Requirements to map">
              {shown.map((r) => (
                <li key={r.id}>
                  <button type="button" className={`mapping-item${r.id === selected ? ' selected' : ''}`} aria-pressed={r.id === selected} onClick={() => setSelected(r.id)}>
                    <strong>{r.ref}</strong> {r.title}
                    <span className="muted small"> · {r.controls.length ? `${r.controls.length} control${r.controls.length === 1 ? '' : 's'}` : 'not mapped'}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          {requirement ? (
            <ControlPicker key={requirement.id} frameworkId={frameworkId} requirement={requirement} controls={view.data.controls} />
          ) : (
            <section className="panel" aria-label="Controls">
              <p className="muted">Choose a requirement to map it to controls.</p>
            </section>
          )}
        </div>
      ) : null}
    </main>
  );
}

function ControlPicker({ frameworkId, requirement, controls }: { frameworkId: string; requirement: Requirement; controls: FrameworkMappingView['controls'] }) {
  const initial = useMemo(() => new Map(requirement.controls.map((c) => [c.control, c.coverage] as const)), [requirement]);
  const [chosen, setChosen] = useState<Map<string, MappedControl['coverage']>>(initial);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching = q ? controls.filter((c) => c.id.toLowerCase().includes(q) || c.title.toLowerCase().includes(q)) : controls;
    // the controls saved for this requirement first, so what it maps to is in view when it opens
    return [...matching.filter((c) => initial.has(c.id)), ...matching.filter((c) => !initial.has(c.id))];
  }, [controls, query, initial]);
  const changed = chosen.size !== initial.size || [...chosen].some(([id, cov]) => initial.get(id) !== cov);

  const toggle = (id: string, on: boolean) => setChosen((cur) => {
    const next = new Map(cur);
    if (on) next.set(id, 'full'); else next.delete(id);
    return next;
  });
  const setCoverage = (id: string, coverage: MappedControl['coverage']) => setChosen((cur) => new Map(cur).set(id, coverage));

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await write('setFrameworkMapping', {
        framework: frameworkId,
        requirements: [{ requirement: requirement.id, controls: [...chosen].map(([control, coverage]) => ({ control, coverage })) }],
      });
      toast.info(`Saved ${requirement.ref}: ${chosen.size} control${chosen.size === 1 ? '' : 's'}; ${result.mapped} of ${result.assessable} requirements mapped`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel mapping-controls" aria-labelledby="picker-title">
      <h2 id="picker-title">{requirement.ref} {requirement.title}</h2>
      <p className="muted small mapping-chosen">
        {chosen.size ? `Maps to ${[...chosen].map(([id, cov]) => `${id}${cov === 'partial' ? ' (partly)' : ''}`).join(', ')}` : 'Not mapped to any control yet'}
        {changed ? ' · not saved' : ''}
      </p>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} className="form">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search controls" placeholder="Search controls by id or title" />
        <fieldset className="mapping-choices">
          <legend>Controls for {requirement.ref} ({chosen.size} chosen)</legend>
          {shown.map((c) => {
            const coverage = chosen.get(c.id);
            return (
              <div key={c.id} className="mapping-choice">
                <label className="check">
                  <input type="checkbox" checked={coverage !== undefined} onChange={(e) => toggle(c.id, e.target.checked)} />
                  <span><strong>{c.id}</strong> {c.title}</span>
                </label>
                {coverage ? (
                  <select value={coverage} onChange={(e) => setCoverage(c.id, e.target.value as MappedControl['coverage'])} aria-label={`Coverage of ${requirement.ref} by ${c.id}`}>
                    <option value="full">covers fully</option>
                    <option value="partial">covers partly</option>
                  </select>
                ) : null}
              </div>
            );
          })}
          {shown.length === 0 ? <p className="muted">No control matches “{query}”.</p> : null}
        </fieldset>
        {error ? <p className="error-text" role="alert">{error}</p> : null}
        <div className="form-actions">
          <button type="button" disabled={!changed || busy} onClick={() => setChosen(initial)}>Undo changes</button>
          <button type="submit" className="primary" disabled={!changed || busy}>Save mapping</button>
        </div>
      </form>
    </section>
  );
}
