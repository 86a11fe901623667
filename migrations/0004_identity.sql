-- Signed identities: every audit event may carry its author's Ed25519 key id and signature,
-- members carry their public key, and each project's chain head is anchored in a signed record
-- written in the same transaction as each event, so a cut-off tail shows.
-- Events written before this migration keep key_id and signature NULL: they stay valid under the
-- hash chain and are reported as unsigned.

ALTER TABLE audit_events ADD COLUMN key_id TEXT;
ALTER TABLE audit_events ADD COLUMN signature TEXT;
ALTER TABLE audit_events_imported ADD COLUMN key_id TEXT;
ALTER TABLE audit_events_imported ADD COLUMN signature TEXT;

-- SPKI PEM of the member's Ed25519 public key; NULL for members added by name only.
ALTER TABLE project_members ADD COLUMN public_key TEXT;

-- The last event of each project's local chain, signed by the key that appended it.
CREATE TABLE audit_heads (
  project_id TEXT PRIMARY KEY,
  seq        INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  key_id     TEXT,
  signature  TEXT
) STRICT;

-- Chains that exist today: their head, unsigned (no key signed it).
INSERT INTO audit_heads (project_id, seq, hash)
  SELECT e.project_id, e.seq, e.hash FROM audit_events e
  WHERE e.seq = (SELECT max(seq) FROM audit_events m WHERE m.project_id = e.project_id);
