import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

function display(value: unknown): string {
  if (value === null || value === undefined) return '(missing)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The JumpCloud fields and values a check saw. */
export function EvidenceTable(props: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(props.evidence ?? {});
  if (entries.length === 0) {
    return (
      <Typography variant="body2">No evidence fields recorded.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="Evidence fields">
      <TableBody>
        {entries.map(([field, value]) => (
          <TableRow key={field}>
            <TableCell component="th" scope="row">
              <code>{field}</code>
            </TableCell>
            <TableCell>
              <code style={{ wordBreak: 'break-all' }}>{display(value)}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
