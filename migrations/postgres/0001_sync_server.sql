-- The team sync server's store: signed audit events per project, append-only and unique by event
-- hash (a retried push is harmless), evidence blobs by SHA-256 stored once, the projects' members
-- as their own history defines them, and each member's latest signed copy of the project's rows.

-- keys an administrator admitted (`cwb server admit`): only they may create projects here
CREATE TABLE admitted_keys (
  key_id      text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{64}$'),
  public_key  text NOT NULL,
  admitted_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
  project_id     text PRIMARY KEY,
  created_by_key text NOT NULL REFERENCES admitted_keys (key_id),
  first_event    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
  project_id  text NOT NULL REFERENCES projects (project_id),
  hash        text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  seq         integer NOT NULL CHECK (seq > 0),
  prev_hash   text NOT NULL,
  at          text NOT NULL,
  actor       text NOT NULL,
  session_id  text,
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  action      text NOT NULL,
  before_json text,
  after_json  text,
  key_id      text NOT NULL,
  signature   text NOT NULL,
  -- the server's arrival order: pull pages by it, so a laptop asks only for what came after
  received    bigserial NOT NULL UNIQUE,
  PRIMARY KEY (project_id, hash)
);
CREATE INDEX events_by_arrival ON events (project_id, received);

-- append-only: an event, once stored, is never changed or removed
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events on the sync server are append-only';
END $$;
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();

-- the members as the project's accepted history defines them; key_id binds a member to a key
CREATE TABLE members (
  project_id text NOT NULL REFERENCES projects (project_id),
  member_key text NOT NULL,
  key_id     text,
  public_key text,
  role       text CHECK (role IN ('owner', 'assessor', 'contributor', 'viewer')),
  PRIMARY KEY (project_id, member_key)
);
CREATE UNIQUE INDEX members_by_key ON members (project_id, key_id);

-- each member's latest copy of the rows, signed by them, for teammates to merge
CREATE TABLE copies (
  project_id    text NOT NULL REFERENCES projects (project_id),
  key_id        text NOT NULL,
  member_key    text NOT NULL,
  public_key    text NOT NULL,
  head_seq      integer NOT NULL,
  head_hash     text NOT NULL,
  head_key_id   text,
  head_signature text,
  head_received bigint NOT NULL,
  rows_json     text NOT NULL,
  signature     text NOT NULL,
  PRIMARY KEY (project_id, key_id)
);

CREATE TABLE blobs (
  sha256  text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size    bigint NOT NULL,
  content bytea NOT NULL
);
-- which projects hold a blob: it is served only to members of one of them
CREATE TABLE project_blobs (
  project_id text NOT NULL REFERENCES projects (project_id),
  sha256     text NOT NULL REFERENCES blobs (sha256),
  PRIMARY KEY (project_id, sha256)
);

-- when each member last pushed or pulled, for the dashboard
CREATE TABLE member_syncs (
  project_id text NOT NULL REFERENCES projects (project_id),
  key_id     text NOT NULL,
  synced_at  timestamptz NOT NULL,
  PRIMARY KEY (project_id, key_id)
);
