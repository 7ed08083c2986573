import { dataTypeLabel } from '@backstage-jumpcloud/plugin-jumpcloud-common';
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
 * One line for a history row: "120 devices · 340 users", and how many other
 * data types were counted (their table is in the expanded row).
 */
export function countsSummary(counts: Record<string, number> | null): string {
  if (!counts || Object.keys(counts).length === 0) return '—';
  const parts = SUMMARY_COUNTS.filter(({ key }) => key in counts).map(
    ({ key, one, many }) => plural(counts[key], one, many),
  );
  const others = Object.keys(counts).filter(
    key => !SUMMARY_COUNTS.some(summary => summary.key === key),
  ).length;
  if (others > 0) parts.push(plural(others, 'more type', 'more types'));
  return parts.join(' · ');
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
