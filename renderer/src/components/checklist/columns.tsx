// The checklist's columns: what each shows, how it sorts and filters. Module scope keeps them
// stable, so the table does not rebuild its row models on every render.
import { createColumnHelper } from '@tanstack/react-table';
import { href } from '../../router';
import { StatusBadge } from '../StatusBadge';
import { DOMAIN_LABELS, frameworkLabel, isBuiltinFramework, type DomainId, type FrameworkId } from '../../../../shared/domain';
import { filterBy, isOverdue, sortBy, type Features, type GridRow } from './model';

const helper = createColumnHelper<Features, GridRow>();

export const FRAMEWORK_SHORT: Record<FrameworkId, string> = { hipaa: 'HIPAA', gdpr: 'GDPR', pci: 'PCI' };

/** The domain in a word or two, so the title gets the table's width; the full name is its tooltip. */
export const DOMAIN_SHORT: Record<DomainId, string> = {
  data_security: 'Data', access_control: 'Access', network_security: 'Network', monitoring_logging: 'Logging',
  ml_platform: 'ML platform', governance: 'Governance', generative_ai: 'Gen AI',
};

export const columns = helper.columns([
  helper.display({
    id: 'select',
    header: 'Select',
    enableSorting: false,
    meta: { width: 40, align: 'center' },
    cell: ({ row, table }) => (
      <input
        type="checkbox"
        tabIndex={-1}
        checked={row.getIsSelected()}
        aria-label={`Select ${row.original.id}`}
        // keep focus on the grid, where the keyboard works
        onMouseDown={(e) => e.preventDefault()}
        onClick={(e) => { e.stopPropagation(); table.options.meta?.toggleRow(row.id, e.shiftKey); }}
        onChange={() => undefined}
      />
    ),
  }),
  helper.accessor('id', {
    header: 'ID',
    sortFn: sortBy.id,
    meta: { width: 76 },
    cell: ({ row, table }) => (
      <a className="mono" tabIndex={-1} href={href({ screen: 'control', projectId: table.options.meta?.projectId ?? '', controlId: row.original.id })}>
        {row.original.id}
      </a>
    ),
  }),
  helper.accessor('title', {
    header: 'Title',
    sortFn: sortBy.title,
    meta: { width: 0 },
    // up to two lines, then an ellipsis; the whole title is the tooltip
    cell: ({ row }) => <span className="cl-title" title={row.original.title}>{row.original.title}</span>,
  }),
  helper.accessor('domain', {
    header: 'Domain',
    sortFn: sortBy.domain,
    filterFn: filterBy.domain,
    meta: { width: 104 },
    cell: ({ row }) => <span className="cl-clip" title={DOMAIN_LABELS[row.original.domain]}>{DOMAIN_SHORT[row.original.domain]}</span>,
  }),
  helper.accessor('status', {
    header: 'Status',
    sortFn: sortBy.status,
    filterFn: filterBy.status,
    meta: { width: 128 },
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  }),
  helper.accessor('owner', {
    header: 'Owner',
    sortFn: sortBy.owner,
    filterFn: filterBy.owner,
    meta: { width: 120 },
    cell: ({ row }) => (row.original.owner
      ? <span className="cl-clip" title={row.original.owner}>{row.original.owner}</span>
      : <span className="muted" aria-label="Unassigned">—</span>),
  }),
  helper.accessor('dueDate', {
    header: 'Due',
    sortFn: sortBy.dueDate,
    meta: { width: 104 },
    cell: ({ row, table }) => {
      const due = row.original.dueDate;
      if (!due) return <span className="muted" aria-label="No due date">—</span>;
      return isOverdue(row.original, table.options.meta?.today ?? '')
        ? <span className="cl-overdue" title="Past its due date and not yet done">{due} <span className="visually-hidden">(overdue)</span></span>
        : <span className="nowrap">{due}</span>;
    },
  }),
  helper.accessor('evidenceCount', {
    id: 'evidence',
    header: 'Evidence',
    sortFn: sortBy.evidence,
    meta: { width: 124 },
    cell: ({ row }) => {
      const { evidenceCount: n, expiredEvidenceCount: expired } = row.original;
      return (
        <span className="cl-evidence">
          <span className={n === 0 ? 'muted' : undefined}>{n}</span>
          {expired > 0 ? (
            <span className="cl-expired" title={`${expired} of ${n} evidence item${n === 1 ? '' : 's'} past the expiry date`}>
              <span aria-hidden="true">⚠</span> {expired} expired
            </span>
          ) : null}
        </span>
      );
    },
  }),
  helper.accessor('frameworks', {
    id: 'framework',
    header: 'Frameworks',
    enableSorting: false,
    filterFn: filterBy.framework,
    meta: { width: 136 },
    cell: ({ row, table }) => (
      <span className="cl-fw">
        {row.original.frameworks.map((f) => {
          const name = table.options.meta?.frameworkName(f) ?? frameworkLabel(f);
          return <span key={f} className={`chip fw-${f}`} title={name}>{isBuiltinFramework(f) ? FRAMEWORK_SHORT[f] : name}</span>;
        })}
      </span>
    ),
  }),
]);
