-- The first schema: projects with frameworks in scope, one assessment row per in-scope control,
-- evidence addressed by SHA-256, and a per-project hash-chained audit trail.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE projects (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  catalog_version TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT,
  -- where the walkthrough was left: a control id
  walkthrough_at  TEXT
) STRICT;

CREATE TABLE project_frameworks (
  project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  framework_id TEXT NOT NULL CHECK (framework_id IN ('hipaa', 'gdpr', 'pci')),
  PRIMARY KEY (project_id, framework_id)
) STRICT;

-- One row per control that has ever been in scope for the project. A control that the catalog
-- later drops keeps its row, with archived_at set, so its history stays readable.
CREATE TABLE control_assessments (
  project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  control_id  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'not_assessed'
              CHECK (status IN ('not_assessed', 'compliant', 'partial', 'non_compliant', 'not_applicable')),
  owner       TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  due_date    TEXT,
  updated_at  TEXT,
  updated_by  TEXT,
  archived_at TEXT,
  PRIMARY KEY (project_id, control_id)
) STRICT;

CREATE INDEX control_assessments_status ON control_assessments(project_id, status);

-- File bytes, stored once per distinct content.
CREATE TABLE blobs (
  sha256  TEXT PRIMARY KEY,
  size    INTEGER NOT NULL,
  content BLOB NOT NULL
) STRICT;

CREATE TABLE evidence (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  control_id   TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('file', 'link', 'note')),
  name         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  size         INTEGER NOT NULL,
  media_type   TEXT,
  url          TEXT,
  text         TEXT,
  collected_on TEXT NOT NULL,
  expires_on   TEXT,
  attached_by  TEXT NOT NULL,
  attached_at  TEXT NOT NULL,
  source       TEXT NOT NULL DEFAULT 'manual',
  removed_at   TEXT,
  FOREIGN KEY (project_id, control_id) REFERENCES control_assessments(project_id, control_id)
) STRICT;

CREATE INDEX evidence_control ON evidence(project_id, control_id);
CREATE INDEX evidence_sha ON evidence(sha256);

-- Every change. seq counts per project; hash = sha256(prev_hash + canonical event), so editing or
-- removing any event breaks every later hash.
CREATE TABLE audit_events (
  id          INTEGER PRIMARY KEY,
  project_id  TEXT NOT NULL,
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
  hash        TEXT NOT NULL,
  UNIQUE (project_id, seq)
) STRICT;

CREATE INDEX audit_events_entity ON audit_events(project_id, entity, entity_id);
