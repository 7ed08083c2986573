import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import type { Column, SortField } from './findingsColumns';

/** The column titles; a sortable one cycles asc → desc → default order. */
export function FindingsTableHead(props: {
  columns: Column[];
  sort?: { field: SortField; order: 'asc' | 'desc' };
  onSort: (field: SortField) => void;
  /** The head cells' class (titles kept on one line). */
  className: string;
}) {
  const { columns, sort } = props;
  return (
    <TableHead>
      <TableRow>
        {columns.map(column => {
          const active = column.sort && sort?.field === column.sort;
          return (
            <TableCell
              key={column.title}
              className={props.className}
              style={column.width ? { width: column.width } : undefined}
              sortDirection={active ? sort!.order : false}
            >
              {column.sort ? (
                <TableSortLabel
                  active={Boolean(active)}
                  direction={active ? sort!.order : 'asc'}
                  onClick={() => props.onSort(column.sort!)}
                >
                  {column.title}
                </TableSortLabel>
              ) : (
                column.title
              )}
            </TableCell>
          );
        })}
      </TableRow>
    </TableHead>
  );
}
