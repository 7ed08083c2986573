import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import InputAdornment from '@material-ui/core/InputAdornment';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import { memo } from 'react';
import { useEntityPath } from '../shared/useEntityLink';
import { columnsFor } from './findingsColumns';
import { FindingsTableHead } from './FindingsTableHead';
import type { FindingFilters } from './useFindingFilters';
import { PAGE_SIZES, useFindingsPage } from './useFindingsPage';

export { PAGE_SIZES };

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 2, 1, 3),
  },
  title: { flexGrow: 1 },
  row: { cursor: 'pointer' },
  head: { whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  progress: { height: 4 },
}));

/**
 * One server-side page of findings at a time: search, sort and paging are
 * the API's. Plain MUI table parts rather than core-components' `Table`
 * (material-table): its ~0.5 MB of script (drag and drop, date pickers, …)
 * and its heavier rendering sat between opening the page and the first rows.
 * Memoised with stable props so the filters' options or the permission
 * arriving later do not re-render (or refetch) the rows.
 */
export const FindingsTable = memo(function FindingsTablePage(props: {
  filters: FindingFilters;
  /** Changes when the rows must be fetched again (e.g. a risk accepted). */
  reloadKey: number;
  onOpen: (finding: Finding) => void;
}) {
  const { filters, reloadKey, onOpen } = props;
  const classes = useStyles();
  const entityPath = useEntityPath();
  const { value, loading, error, ...paging } = useFindingsPage(
    filters,
    reloadKey,
  );

  const columns = columnsFor(onOpen, entityPath);
  const rows = value?.items ?? [];

  return (
    <Paper>
      <Box className={classes.toolbar}>
        <Typography variant="h5" component="h2" className={classes.title}>
          Findings
        </Typography>
        <TextField
          placeholder="Search"
          value={paging.search}
          onChange={event => paging.setSearch(event.target.value)}
          inputProps={{ 'aria-label': 'Search findings' }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" color="action" />
              </InputAdornment>
            ),
          }}
        />
      </Box>
      {error ? (
        <Box px={2} pb={2}>
          <ResponseErrorPanel error={error} />
        </Box>
      ) : null}
      <Box className={classes.progress}>
        {loading ? <LinearProgress aria-label="Loading findings" /> : null}
      </Box>
      <TableContainer>
        <Table size="small" aria-label="Findings" aria-busy={loading}>
          <FindingsTableHead
            columns={columns}
            sort={paging.sort}
            onSort={paging.toggleSort}
            className={classes.head}
          />
          <TableBody>
            {rows.map(row => (
              <TableRow
                key={row.id}
                hover
                className={classes.row}
                onClick={() => onOpen(row)}
              >
                {columns.map(column => (
                  <TableCell
                    key={column.title}
                    className={column.nowrap ? classes.nowrap : undefined}
                  >
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {value && rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={columns.length} align="center">
                  No findings match these filters.
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={value?.totalCount ?? 0}
        page={value ? Math.min(paging.page, paging.lastPage) : 0}
        rowsPerPage={paging.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => paging.setPage(next)}
        onRowsPerPageChange={event =>
          paging.setPageSize(Number(event.target.value))
        }
      />
    </Paper>
  );
});
