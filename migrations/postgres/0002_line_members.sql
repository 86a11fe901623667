-- "As of that event", along the event's own line of history: the members each line defines after
-- each event, as the laptops' verify computes them (audit/actor-keys.ts lineAfter). Events that
-- change no member share their parent's state, so a state is stored once per member change (or
-- merge that changes who is a member), and each event points at the state after it.
CREATE TABLE line_states (
  id         bigserial PRIMARY KEY,
  project_id text NOT NULL REFERENCES projects (project_id),
  members    text NOT NULL
);

CREATE TABLE event_lines (
  project_id text NOT NULL,
  hash       text NOT NULL,
  state_id   bigint NOT NULL REFERENCES line_states (id),
  PRIMARY KEY (project_id, hash),
  FOREIGN KEY (project_id, hash) REFERENCES events (project_id, hash)
);

CREATE TRIGGER line_states_no_update BEFORE UPDATE OR DELETE ON line_states FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER event_lines_no_update BEFORE UPDATE OR DELETE ON event_lines FOR EACH ROW EXECUTE FUNCTION events_append_only();

-- the join of every accepted line: who is a member now (the members table mirrors it); null for a
-- project stored before this migration until its next push computes the states of its events
ALTER TABLE projects ADD COLUMN view_state bigint REFERENCES line_states (id);
