-- The checklist counts each control's live and expired evidence for a whole project at once
-- (assessments/checklist.ts). With every column it reads in one index, in control order, the
-- count is a walk over the index alone, without a look into the evidence table per row.
CREATE INDEX evidence_checklist ON evidence(project_id, control_id, removed_at, expires_on);
