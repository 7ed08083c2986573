import {
  dataTypeLabel,
  type RunFindingChanges,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/** The counts a history row shows, in this order, with their unit. */
const SUMMARY_COUNTS: Array<{ key: string; one: string; many: string }> = [
  { key: 'systems', one: 'device', many: 'devices' },
  { key: 'users', one: 'user', many: 'users' },
];

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * One line for a history row: "120 devices · 340 users · 3 findings opened ·
 * 1 resolved", and how many other data types were counted (their table is
 * in the expanded row).
 */
export function countsSummary(
  counts: Record<string, number> | null,
  findingChanges?: RunFindingChanges | null,
): string {
  const read = counts ?? {};
  const parts = SUMMARY_COUNTS.filter(({ key }) => key in read).map(
    ({ key, one, many }) => plural(read[key], one, many),
  );
  if (findingChanges) {
    parts.push(
      plural(findingChanges.opened, 'finding opened', 'findings opened'),
      `${findingChanges.resolved.toLocaleString('en-US')} resolved`,
    );
  }
  const others = Object.keys(read).filter(
    key => !SUMMARY_COUNTS.some(summary => summary.key === key),
  ).length;
  if (others > 0) parts.push(plural(others, 'more type', 'more types'));
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** Every count of a history entry, labelled as admins read the data types. */
export function CountsTable(props: { counts: Record<string, number> }) {
  const rows = Object.entries(props.counts)
    .map(([type, count]) => ({ label: dataTypeLabel(type), count }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Table size="small" aria-label="Counts" style={{ maxWidth: 480 }}>
      <TableHead>
        <TableRow>
          <TableCell>Data</TableCell>
          <TableCell align="right">Count</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.label}>
            <TableCell component="th" scope="row">
              {row.label}
            </TableCell>
            <TableCell align="right">
              {row.count.toLocaleString('en-US')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
