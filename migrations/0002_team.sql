-- Team work: project members with roles, audit sessions with action items, reviews and signed
-- baselines, the audit events of other copies of a project (kept beside the local chain after a
-- merge), and merge conflicts waiting for a person to decide.

-- A member is known by the email lower-cased when there is one, else by the name as typed.
-- A removed member keeps the row with role NULL, so the history can still name them.
CREATE TABLE project_members (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  member_key TEXT NOT NULL,
  name       TEXT NOT NULL,
  email      TEXT NOT NULL DEFAULT '',
  role       TEXT CHECK (role IS NULL OR role IN ('owner', 'assessor', 'contributor', 'viewer')),
  added_at   TEXT NOT NULL,
  added_by   TEXT NOT NULL,
  PRIMARY KEY (project_id, member_key)
) STRICT;

-- Projects created before roles existed: their creator owns them.
INSERT INTO project_members (project_id, member_key, name, email, role, added_at, added_by)
  SELECT id, created_by, created_by, '', 'owner', created_at, created_by FROM projects;

CREATE TABLE audit_sessions (
  id             TEXT PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title          TEXT NOT NULL,
  facilitator    TEXT NOT NULL,
  -- [{name, email?, role?, guest}]
  attendees_json TEXT NOT NULL,
  -- {domains: [], frameworks: []}
  scope_json     TEXT NOT NULL,
  started_at     TEXT NOT NULL,
  ended_at       TEXT,
  ended_by       TEXT,
  -- the minutes as written when the session ended
  minutes_md     TEXT
) STRICT;

CREATE INDEX audit_sessions_project ON audit_sessions(project_id, started_at);

CREATE TABLE action_items (
  id         TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  control_id TEXT NOT NULL,
  session_id TEXT,
  text       TEXT NOT NULL,
  owner      TEXT NOT NULL DEFAULT '',
  due_date   TEXT,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

CREATE INDEX action_items_project ON action_items(project_id, control_id);

-- An assessor's judgement of one answer: the answer as it was judged, and the audit event that
-- set it, so a later change of the answer shows the review no longer applies.
CREATE TABLE reviews (
  id             TEXT PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  control_id     TEXT NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  comment        TEXT NOT NULL DEFAULT '',
  reviewer       TEXT NOT NULL,
  at             TEXT NOT NULL,
  session_id     TEXT,
  answer_json    TEXT NOT NULL,
  for_event_hash TEXT,
  for_event_seq  INTEGER
) STRICT;

CREATE INDEX reviews_control ON reviews(project_id, control_id, at);

-- A signed baseline: every control's answer and evidence at sign-off, frozen.
CREATE TABLE baselines (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  signed_by       TEXT NOT NULL,
  signed_role     TEXT NOT NULL,
  signed_at       TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  snapshot_json   TEXT NOT NULL,
  snapshot_sha256 TEXT NOT NULL,
  audit_seq       INTEGER NOT NULL,
  audit_hash      TEXT NOT NULL
) STRICT;

CREATE INDEX baselines_project ON baselines(project_id, signed_at);

-- Events made in other copies of the project, received in bundles. They keep their own seq,
-- prev_hash and hash, so each copy's chain still verifies; the local chain stays in audit_events.
CREATE TABLE audit_events_imported (
  project_id  TEXT NOT NULL,
  hash        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  session_id  TEXT,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  prev_hash   TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (project_id, hash)
) STRICT;

CREATE INDEX audit_events_imported_session ON audit_events_imported(project_id, session_id);
CREATE INDEX audit_events_session ON audit_events(project_id, session_id);

-- The same field changed differently in two copies. The id is derived from the field and the
-- competing events, so both copies name the same conflict the same way.
CREATE TABLE merge_conflicts (
  id              TEXT NOT NULL,
  project_id      TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  entity          TEXT NOT NULL,
  entity_id       TEXT NOT NULL,
  field           TEXT NOT NULL,
  -- [{value, actor, at, hash}], sorted by hash
  candidates_json TEXT NOT NULL,
  detected_at     TEXT NOT NULL,
  detected_by     TEXT NOT NULL,
  resolved_at     TEXT,
  resolved_by     TEXT,
  resolution_json TEXT,
  PRIMARY KEY (project_id, id)
) STRICT;
