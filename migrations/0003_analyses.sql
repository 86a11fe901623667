-- Documents the analyzers read for a project (AWS CLI exports, scanner outputs) and what they
-- found, so the Findings view can list them and link each finding to its control and document.
CREATE TABLE analyses (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  file        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  result_json TEXT NOT NULL,
  analyzed_at TEXT NOT NULL,
  analyzed_by TEXT NOT NULL
) STRICT;

CREATE INDEX analyses_project ON analyses(project_id, analyzed_at);
