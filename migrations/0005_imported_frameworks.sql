-- Frameworks brought by the user (OSCAL catalog or profile, CISO Assistant library), stored with
-- the file they came from, their requirement tree, and the user's mapping of their requirements
-- to our controls. Versioned like the built-in catalog: each version imported is kept (projects'
-- histories refer to it); projects follow the newest version, keeping their answers.

CREATE TABLE imported_frameworks (
  id          TEXT NOT NULL,
  version     TEXT NOT NULL,
  name        TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('oscal-catalog', 'oscal-profile', 'ciso-assistant')),
  -- the file as named when imported and, for a profile, the catalog it was resolved against
  origin      TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  -- SHA-256 of the imported file's bytes (for a profile: of the profile file)
  sha256      TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

-- The requirement tree of one version, in the file's order.
CREATE TABLE imported_requirements (
  framework_id   TEXT NOT NULL,
  version        TEXT NOT NULL,
  position       INTEGER NOT NULL,
  requirement_id TEXT NOT NULL,
  label          TEXT,
  title          TEXT NOT NULL,
  parent_id      TEXT,
  assessable     INTEGER NOT NULL CHECK (assessable IN (0, 1)),
  PRIMARY KEY (framework_id, version, requirement_id),
  FOREIGN KEY (framework_id, version) REFERENCES imported_frameworks (id, version)
) STRICT;

-- Requirement → control, as the user mapped it; who mapped it and when.
CREATE TABLE framework_mappings (
  framework_id   TEXT NOT NULL,
  version        TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  control_id     TEXT NOT NULL,
  coverage       TEXT NOT NULL CHECK (coverage IN ('full', 'partial')),
  mapped_at      TEXT NOT NULL,
  mapped_by      TEXT NOT NULL,
  PRIMARY KEY (framework_id, version, requirement_id, control_id),
  FOREIGN KEY (framework_id, version, requirement_id) REFERENCES imported_requirements (framework_id, version, requirement_id)
) STRICT;

-- A project's frameworks may now be imported ones: the built-in-only CHECK goes, and the version
-- of an imported framework the project follows is kept (NULL for built-ins: the catalog's version).
CREATE TABLE project_frameworks_0006 (
  project_id        TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  framework_id      TEXT NOT NULL CHECK (length(framework_id) BETWEEN 2 AND 63),
  framework_version TEXT,
  PRIMARY KEY (project_id, framework_id)
) STRICT;
INSERT INTO project_frameworks_0006 (project_id, framework_id) SELECT project_id, framework_id FROM project_frameworks;
DROP TABLE project_frameworks;
ALTER TABLE project_frameworks_0006 RENAME TO project_frameworks;
