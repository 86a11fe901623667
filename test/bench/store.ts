// The database on a big project: 2,000 controls, 20,000 evidence items, 200,000 audit events.
// Each core figure has a baseline measured in the same run: the same SQL on a raw better-sqlite3
// connection (what core adds on top: catalog joins, roles, audit events, hashing). Also the audit
// chain check over 200,000 events and the Markdown / PDF / OSCAL reports of the project.
// Run: npx tsx test/bench/store.ts
import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { CoreContext } from '../../electron/core/context';
import { openDatabase, inTransaction } from '../../electron/core/store/database';
import { defaultMigrationsDir } from '../../electron/core/store/migrations';
import { backupBeforeMigration } from '../../electron/core/store/backup';
import { createProject } from '../../electron/core/projects/projects';
import { CHECKLIST_SQL, checklistParams, checklistRows } from '../../electron/core/assessments/checklist';
import { workbenchCatalog } from '../../electron/core/frameworks/workbench-catalog';
import { bulkUpdateControls } from '../../electron/core/assessments/update';
import { addEvidence } from '../../electron/core/evidence/evidence';
import { appendAuditEvent, storedEventHash, verifyAuditChain } from '../../electron/core/audit/chain';
import { exportProjectToFile, renderProjectReport } from '../../electron/core/exports/export';
import { buildReportModel } from '../../electron/core/exports/report-model';
import { PRIORITIES } from '../../shared/domain';
import { seedProject, syntheticCatalog } from './checklist-ui';
import { medianMs, pairedMedianMs, roundMs, roundRobinMedianMs } from './measure';
// the PDF is drawn in a worker thread, as the app's export job draws it (here from source)
import '../helpers/source-workers';

type Result = { name: string; value: number; unit: string; baseline?: { name: string; value: number }; note?: string };

const CONTROLS = 2_000;
const EVIDENCE = 20_000;
const EVENTS = 200_000;
const ACTOR = 'Bench Person';

const round = roundMs;

/** The project every figure is measured on, built through core so its rows are what the app writes. */
export async function generate(file: string): Promise<{ ctx: CoreContext; projectId: string; ids: string[]; seconds: number }> {
  const t = performance.now();
  const catalog = syntheticCatalog(CONTROLS);
  const db = await openDatabase(file, { create: true, dailyBackup: false });
  let clock = Date.parse('2026-01-05T09:00:00Z');
  // the catalog as the workbench serves it: a getter that looks whether imported frameworks moved
  const ctx: CoreContext = { db, get catalog() { return workbenchCatalog(ctx.db, catalog); }, actor: () => ACTOR, now: () => new Date((clock += 1000)) };
  const project = createProject(ctx, { name: 'Two thousand controls', frameworks: ['hipaa', 'gdpr', 'pci'] });
  const ids = catalog.controls.map((c) => c.id);
  seedProject(ctx, project.id, ids);
  inTransaction(db, () => {
    for (let i = 0; i < EVIDENCE; i++) {
      const controlId = ids[i % ids.length]!;
      if (i % 4 === 0) {
        addEvidence(ctx, project.id, controlId, { kind: 'file', name: `export-${i}.json`, content: Buffer.from(`{"PolicyName":"p${i}","Arn":"arn:aws:iam::123456789012:policy/p${i}"}\n`) });
      } else {
        addEvidence(ctx, project.id, controlId, { kind: 'note', text: `Checked ${controlId} on run ${i}: KMS key rotation enabled, bucket policy denies non-TLS.` });
      }
    }
  });
  // the rest of the 200,000 events: answers changing over a long assessment, appended as core does
  const have = db.prepare('SELECT count(*) FROM audit_events WHERE project_id = ?').pluck().get(project.id) as number;
  const statuses = ['not_assessed', 'partial', 'compliant', 'non_compliant'];
  inTransaction(db, () => {
    const last = new Map<string, { status: string; note: string }>();
    for (let i = have; i < EVENTS; i++) {
      const at = ctx.now().toISOString();
      const controlId = ids[i % ids.length]!;
      const after = { status: statuses[(i + 1) % 4]!, note: `step ${i}` };
      appendAuditEvent(db, {
        projectId: project.id, at, actor: ACTOR, sessionId: null, entity: 'control', entityId: controlId,
        action: 'control.update', before: { status: statuses[i % 4] }, after,
      });
      last.set(controlId, after);
    }
    // the answers the events leave, as core would have written them: the project verifies
    const answer = db.prepare('UPDATE control_assessments SET status = ?, note = ? WHERE project_id = ? AND control_id = ?');
    for (const [controlId, a] of last) answer.run(a.status, a.note, project.id, controlId);
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { ctx, projectId: project.id, ids, seconds: (performance.now() - t) / 1000 };
}

function rawOpen(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}

export async function run(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-store-'));
  try {
    const file = join(dir, 'workbench.sqlite');
    const { ctx, projectId, ids, seconds } = await generate(file);
    const size = `${CONTROLS.toLocaleString('en-US')} controls, ${EVIDENCE.toLocaleString('en-US')} evidence items, ${EVENTS.toLocaleString('en-US')} audit events`;
    const mib = (statSync(file).size / 1048576).toFixed(0);
    const results: Result[] = [];

    // open: core's openDatabase (migration check, pragmas) vs a raw connection with the same pragmas
    ctx.db.close();
    const [openCore, openRaw] = await pairedMedianMs(7, async () => (await openDatabase(file, { dailyBackup: false })).close(), () => rawOpen(file).close());
    results.push({ name: 'store: open an existing database', value: openCore, unit: 'ms', baseline: { name: 'raw better-sqlite3 open + same pragmas', value: openRaw }, note: `${size}; ${mib} MiB` });

    // open + migrate: one more migration that touches the big table (an index on audit_events.at),
    // with the backup core takes before migrating, vs the same SQL on a raw connection
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    for (const f of readdirSync(defaultMigrationsDir()).filter((name) => name.endsWith('.sql'))) copyFileSync(join(defaultMigrationsDir(), f), join(migrations, f));
    const next = String(readdirSync(migrations).filter((f) => f.endsWith('.sql')).length + 1).padStart(4, '0');
    const sql = 'CREATE INDEX audit_events_by_time ON audit_events (at);\n';
    writeFileSync(join(migrations, `${next}_bench_index.sql`), sql);
    // three runs each, every one on a fresh copy (the copy is not timed); the backup core takes
    // before migrating is timed on its own (core's own backupBeforeMigration of the same file)
    const timedOnCopy = async (work: (copy: string) => Promise<void> | void): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const copy = join(dir, `migrate-${i}.sqlite`);
        copyFileSync(file, copy);
        const started = performance.now();
        await work(copy);
        times.push(performance.now() - started);
        for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
        rmSync(join(dir, 'backups'), { recursive: true, force: true });
      }
      return round(times.sort((x, y) => x - y)[1]!);
    };
    const migrateCore = await timedOnCopy(async (copy) => { (await openDatabase(copy, { migrationsDir: migrations, backupDir: join(dir, 'backups'), dailyBackup: false })).close(); });
    const migrateRaw = await timedOnCopy((copy) => {
      const rawMigrate = rawOpen(copy);
      rawMigrate.transaction(() => rawMigrate.exec(sql))();
      rawMigrate.close();
    });
    const backupAlone = await timedOnCopy(async (copy) => {
      const source = rawOpen(copy);
      await backupBeforeMigration(source, join(dir, 'backups'), new Date('2027-01-01T00:00:00Z'), 'alone');
      source.close();
    });
    results.push({ name: 'store: open + migrate (pre-migration backup included)', value: migrateCore, unit: 'ms', baseline: { name: 'raw: open + the same migration SQL, no backup', value: migrateRaw }, note: `one migration indexing ${EVENTS.toLocaleString('en-US')} audit events; median of 3` });
    results.push({ name: 'store: open + migrate, backup aside (core minus the backup alone)', value: round(migrateCore - backupAlone), unit: 'ms', baseline: { name: 'raw: open + the same migration SQL (goal ≤ 1.5x)', value: migrateRaw }, note: `the online backup of the ${mib} MiB file alone: ${backupAlone} ms, median of 3` });

    ctx.db = await openDatabase(file, { dailyBackup: false });
    const raw = rawOpen(file);
    try {
      // the checklist: core's checklistRows (its SQL, then each row joined with the catalog and put
      // in walkthrough order) vs the very same SQL text and parameters on a raw connection, read
      // as arrays (its fastest form): the same rows, the same columns, core's catalog join aside
      const today = ctx.now().toISOString().slice(0, 10);
      const rawChecklist = raw.prepare(CHECKLIST_SQL).raw(true);
      const [allCore, allRaw] = await pairedMedianMs(15, () => checklistRows(ctx, projectId), () => rawChecklist.all(...checklistParams(today, projectId, null)));
      results.push({ name: `store: checklist query, all ${CONTROLS.toLocaleString('en-US')} rows`, value: allCore, unit: 'ms', baseline: { name: 'raw: the same SELECT and parameters, every row as arrays (goal ≤ 1.5x)', value: allRaw }, note: 'core adds the catalog join (title, domain, priority, frameworks) and the walkthrough order' });
      // filter (two statuses, an owner containing "a") in SQL and sort: core sorts as the table
      // does (priority, then id, from the catalog); raw sorts its rows by control id
      const filter = { statuses: ['partial', 'non_compliant'] as const, owner: 'a' };
      const rank = Object.fromEntries(PRIORITIES.map((p, i) => [p, i]));
      let coreRows = 0;
      let rawRows = 0;
      const params = checklistParams(today, projectId, null, { statuses: [...filter.statuses], owner: filter.owner });
      const [checklistCore, checklistRaw] = await pairedMedianMs(15, () => {
        coreRows = checklistRows(ctx, projectId, undefined, { statuses: [...filter.statuses], owner: filter.owner })
          .sort((a, b) => (rank[a.priority] ?? 9) - (rank[b.priority] ?? 9) || a.id.localeCompare(b.id)).length;
      }, () => {
        rawRows = (rawChecklist.all(...params) as Array<[string]>).sort((a, b) => a[0].localeCompare(b[0])).length;
      });
      if (coreRows !== rawRows) throw new Error(`the checklist filter gave ${coreRows} rows in core but ${rawRows} raw: not the same query`);
      results.push({ name: 'store: checklist query, filter (status, owner) + sort', value: checklistCore, unit: 'ms', baseline: { name: 'raw: the same SELECT, WHERE and parameters, sorted by id (goal ≤ 1.5x)', value: checklistRaw }, note: `${coreRows} of ${CONTROLS} rows on both sides; core joins each row with the catalog and sorts by priority` });

      // audit chain verification: recompute every hash vs reading the same rows
      const events = ctx.db.prepare('SELECT count(*) FROM audit_events WHERE project_id = ?').pluck().get(projectId) as number;
      let ok = false;
      const readAll = raw.prepare('SELECT * FROM audit_events WHERE project_id = ? ORDER BY seq');
      const [verify, readOnly] = await pairedMedianMs(5, () => { ok = verifyAuditChain(ctx.db, projectId).ok; }, () => { let n = 0; for (const _row of readAll.iterate(projectId)) n++; return n; });
      results.push({ name: `store: verify the audit chain (${events.toLocaleString('en-US')} events)`, value: verify, unit: 'ms', baseline: { name: 'raw: read the same rows in order (goal < 1 s, ≤ 1.3x)', value: readOnly }, note: ok ? 'chain intact' : 'CHAIN BROKEN' });
      // bulk status change of 1,000 controls: core (roles, one audit event per control, one
      // transaction) vs raw UPDATEs in one transaction
      const thousand = ids.slice(0, 1000);
      let flip = 0;
      const bulkCoreRun = () => bulkUpdateControls(ctx, projectId, thousand, { status: flip++ % 2 ? 'partial' : 'compliant' });
      const update = raw.prepare('UPDATE control_assessments SET status = ?, updated_at = ?, updated_by = ? WHERE project_id = ? AND control_id = ?');
      const bulkRawRun = () => raw.transaction(() => {
        const status = flip++ % 2 ? 'partial' : 'compliant';
        const at = new Date().toISOString();
        for (const id of thousand) update.run(status, at, ACTOR, projectId, id);
      })();
      // the same change done by hand on a raw connection with its 1,000 audit events: each UPDATE,
      // each event row (the same columns, JSON and a sha256 chained to the one before) and the head
      const lastEvent = raw.prepare('SELECT seq, hash FROM audit_events WHERE project_id = ? ORDER BY seq DESC LIMIT 1');
      const insertEvent = raw.prepare(
        `INSERT INTO audit_events (project_id, seq, at, actor, session_id, entity, entity_id, action, before_json, after_json, prev_hash, hash, key_id, signature)
         VALUES (?, ?, ?, ?, NULL, 'control', ?, 'control.update', ?, ?, ?, ?, NULL, NULL)`,
      );
      const head = raw.prepare('UPDATE audit_heads SET seq = ?, hash = ? WHERE project_id = ?');
      const bulkRawEventsRun = () => raw.transaction(() => {
        const status = flip++ % 2 ? 'partial' : 'compliant';
        const at = new Date(Date.parse('2027-01-01T00:00:00Z') + flip * 1000).toISOString();
        let { seq, hash } = lastEvent.get(projectId) as { seq: number; hash: string };
        for (const id of thousand) {
          update.run(status, at, ACTOR, projectId, id);
          const before = `{"status":${JSON.stringify(status === 'partial' ? 'compliant' : 'partial')}}`;
          const after = `{"status":${JSON.stringify(status)}}`;
          // the hash core gives the event (its canonical JSON), so the chain stays whole for the reports below
          const next = storedEventHash({ prev_hash: hash, project_id: projectId, seq: ++seq, at, actor: ACTOR, session_id: null, entity: 'control', entity_id: id, action: 'control.update', before_json: before, after_json: after });
          insertEvent.run(projectId, seq, at, ACTOR, id, before, after, hash, next);
          hash = next;
        }
        head.run(seq, hash, projectId);
      })();
      // each round runs all three, one after the other in turn: the same load for each, and every
      // run sets the status the run before it did not, so core changes all 1,000 controls each time
      const [bulkCore = NaN, bulkRaw = NaN, bulkRawEvents = NaN] = await roundRobinMedianMs(7, [bulkCoreRun, bulkRawRun, bulkRawEventsRun]);
      // the raw UPDATEs wrote no events: once more through core, so the tables say what the history
      // says again and the reports below are of a project that verifies
      bulkCoreRun();
      results.push({ name: 'store: bulk status change of 1,000 controls', value: bulkCore, unit: 'ms', baseline: { name: 'raw: 1,000 UPDATEs in one transaction, no audit (goal ≤ 5x)', value: bulkRaw }, note: 'core also writes 1,000 hash-chained audit events; median of 7 rounds' });
      results.push({ name: 'store: bulk status change of 1,000 controls (vs raw with the events)', value: bulkCore, unit: 'ms', baseline: { name: 'raw: 1,000 UPDATEs + 1,000 hash-chained event INSERTs + the head, one transaction', value: bulkRawEvents }, note: 'the same core figure; this baseline writes the same rows as core by hand (no roles, no diff, no signatures)' });

    } finally {
      raw.close();
    }

    // reports of the whole project, as the app exports them (model from the database + render);
    // CWB_BENCH_NO_REPORTS=1 leaves them out (they have their own module, `npm run bench -- reports`)
    if (process.env.CWB_BENCH_NO_REPORTS === '1') {
      ctx.db.close();
      results.push({ name: 'store: generating the project through core (setup, not a target)', value: Math.round(seconds * 10) / 10, unit: 's', note: size });
      return results;
    }
    // verification and readiness over time are kept until the database changes (store/state-memo.ts):
    // a "cold" run first writes one settings row, so it works them out as the first export after a change does
    const touch = () => (ctx.db as Database.Database).prepare("INSERT INTO settings (key, value) VALUES ('bench-touch', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    // the first model in the process checks the whole history; a model after a change goes on from it
    const firstModel = await medianMs(1, async () => { touch(); buildReportModel(ctx, projectId, {}); });
    const modelMs = await medianMs(3, async () => { touch(); buildReportModel(ctx, projectId, {}); });
    const verified = buildReportModel(ctx, projectId, {}).auditSummary.chainVerified;
    results.push({ name: 'reports: build the report model from the database, the first in the process', value: firstModel, unit: 'ms', note: `${size}; every check of the whole history; chain ${verified ? 'verified' : 'NOT verified'}` });
    results.push({ name: 'reports: build the report model from the database, after a change (part of each report below)', value: modelMs, unit: 'ms', baseline: { name: 'the first model in the process', value: firstModel }, note: `${size}; median of 3` });
    const modelAgainMs = await medianMs(3, async () => buildReportModel(ctx, projectId, {}));
    results.push({ name: 'reports: build the report model again, nothing changed since', value: modelAgainMs, unit: 'ms', baseline: { name: 'the model after a change, same run', value: modelMs }, note: 'the checked model kept from the run before: only its time and person are stamped again' });
    for (const format of ['md', 'oscal', 'pdf'] as const) {
      let bytes = 0;
      const label = format === 'md' ? 'Markdown' : format === 'pdf' ? 'PDF' : 'OSCAL assessment results';
      // a cancellable export, as the app's export job runs it: the PDF in its worker thread
      const options = format === 'pdf' ? { signal: new AbortController().signal } : {};
      const ms = await medianMs(format === 'pdf' ? 1 : 3, async () => { touch(); bytes = (await renderProjectReport(ctx, projectId, format, {}, options)).bytes.length; });
      const how = format === 'pdf' ? '; one run, in the worker thread (started from source here: tsx compiles it first, ~1 s the built app does not pay)' : '; median of 3';
      results.push({ name: `reports: ${label} of the big project, after a change`, value: ms, unit: 'ms', baseline: { name: 'the report model alone, same run (goal < 1 s)', value: modelMs }, note: `${size}; ${(bytes / 1048576).toFixed(1)} MiB${how}` });
      if (format === 'pdf') continue;
      // the export job's way: written to a file piece by piece as it is made, no whole copy in memory
      const file = join(dir, `export.${format}`);
      let written = 0;
      const toFile = await medianMs(3, async () => { touch(); written = (await exportProjectToFile(ctx, projectId, format, file)).bytes; });
      results.push({ name: `reports: ${label} of the big project written to a file as it is made (the export job), after a change`, value: toFile, unit: 'ms', baseline: { name: 'the same report made in memory, same run', value: ms }, note: `${(written / 1048576).toFixed(1)} MiB; median of 3` });
      const again = await medianMs(3, async () => { bytes = (await renderProjectReport(ctx, projectId, format)).bytes.length; });
      results.push({ name: `reports: ${label} of the big project, again with nothing changed`, value: again, unit: 'ms', baseline: { name: 'the model again, same run (goal < 1 s)', value: modelAgainMs }, note: 'as a second export in another format: the checks of the whole history are kept; median of 3' });
    }
    ctx.db.close();
    results.push({ name: 'store: generating the project through core (setup, not a target)', value: Math.round(seconds * 10) / 10, unit: 's', note: size });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  console.table(results.map((r) => ({ name: r.name, value: `${r.value} ${r.unit}`, baseline: r.baseline ? `${r.baseline.value} ${r.unit}` : '', ratio: r.baseline ? `${(r.value / r.baseline.value).toFixed(2)}x` : '', note: r.note ?? '' })));
}
