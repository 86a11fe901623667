// Placeholder replaced by the checklist table.
export function ChecklistScreen({ projectId }: { projectId: string; onChanged: () => void }) {
  return <main className="screen" data-testid="screen-checklist" data-state="ready">Checklist for {projectId}</main>;
}
