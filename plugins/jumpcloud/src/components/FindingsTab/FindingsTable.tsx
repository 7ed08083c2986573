import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import InputAdornment from '@material-ui/core/InputAdornment';
import LinearProgress from '@material-ui/core/LinearProgress';
import MuiLink from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import { memo, MouseEvent, ReactNode, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { formatDateTime } from '../shared/dates';
import { FindingStatusLabel, SeverityChip } from '../shared/StatusChips';
import { useEntityPath } from '../shared/useEntityLink';
import { FIRST_PAGE_SIZE } from './firstPage';
import type { FindingFilters } from './useFindingFilters';

/** The API's sort keys, for the columns that have one. */
type SortField =
  | 'severity'
  | 'entityName'
  | 'connectionName'
  | 'status'
  | 'firstSeenAt'
  | 'lastSeenAt';

interface Column {
  title: string;
  /** Sortable by this API sort key. (Check titles sort by id on the server, which would mislead.) */
  sort?: SortField;
  width?: string;
  /** Short values kept on one line; titles and names wrap. */
  nowrap?: boolean;
  render: (row: Finding) => ReactNode;
}

export const PAGE_SIZES = [FIRST_PAGE_SIZE, 50, 100];
const SEARCH_DEBOUNCE_MS = 400;

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

function columnsFor(
  onOpen: (finding: Finding) => void,
  entityPath: (entityRef: string) => string | undefined,
): Column[] {
  return [
    {
      title: 'Severity',
      nowrap: true,
      sort: 'severity',
      width: '110px',
      render: row => <SeverityChip severity={row.severity} />,
    },
    {
      title: 'Check',
      // A real button, so the detail panel opens from the keyboard too.
      render: row => (
        <MuiLink
          component="button"
          variant="body2"
          onClick={(event: MouseEvent) => {
            event.stopPropagation();
            onOpen(row);
          }}
          aria-haspopup="dialog"
          style={{ textAlign: 'left', fontWeight: 500 }}
        >
          {row.checkTitle}
        </MuiLink>
      ),
    },
    {
      title: 'Entity',
      sort: 'entityName',
      render: row => {
        const path = row.entityRef ? entityPath(row.entityRef) : undefined;
        return path ? (
          <Link to={path} onClick={event => event.stopPropagation()}>
            {row.entityName}
          </Link>
        ) : (
          row.entityName
        );
      },
    },
    {
      title: 'Connection',
      sort: 'connectionName',
      render: row => row.connectionName,
    },
    {
      title: 'Status',
      nowrap: true,
      sort: 'status',
      render: row => <FindingStatusLabel status={row.status} />,
    },
    {
      title: 'First seen',
      nowrap: true,
      sort: 'firstSeenAt',
      render: row => formatDateTime(row.firstSeenAt),
    },
    {
      title: 'Last seen',
      nowrap: true,
      sort: 'lastSeenAt',
      render: row => formatDateTime(row.lastSeenAt),
    },
    {
      title: 'Frameworks',
      render: row =>
        Object.entries(row.frameworks ?? {})
          .filter(([, refs]) => refs.length > 0)
          .map(([framework]) => framework.toUpperCase())
          .join(', ') || '—',
    },
  ];
}

/** Waits until the value has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

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
  const api = useApi(jumpcloudApiRef);
  const entityPath = useEntityPath();
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);
  const [sort, setSort] = useState<{
    field: SortField;
    order: 'asc' | 'desc';
  }>();

  // New filters, search, sort or page size start again at the first page.
  const queryKey = JSON.stringify([filters, q, sort, pageSize]);
  const [paging, setPaging] = useState({ key: queryKey, page: 0 });
  const page = paging.key === queryKey ? paging.page : 0;
  const setPage = (next: number) => setPaging({ key: queryKey, page: next });

  const { value, loading, error } = useAsync(
    // The API client answers with the first page if it was prefetched.
    () =>
      api.listFindings({
        ...filters,
        limit: pageSize,
        offset: page * pageSize,
        q: q || undefined,
        sort: sort?.field,
        order: sort?.order,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, page, reloadKey],
  );
  // A page past the end (e.g. after a filter narrowed the list) shows the last one.
  const lastPage = value
    ? Math.max(0, Math.ceil(value.totalCount / pageSize) - 1)
    : 0;
  useEffect(() => {
    if (value && page > lastPage) setPaging({ key: queryKey, page: lastPage });
  }, [value, page, lastPage, queryKey]);

  const columns = columnsFor(onOpen, entityPath);
  const rows = value?.items ?? [];

  const toggleSort = (field: SortField) =>
    // asc → desc → the server's default order
    setSort(current => {
      if (current?.field !== field) return { field, order: 'asc' };
      return current.order === 'asc' ? { field, order: 'desc' } : undefined;
    });

  return (
    <Paper>
      <Box className={classes.toolbar}>
        <Typography variant="h5" component="h2" className={classes.title}>
          Findings
        </Typography>
        <TextField
          placeholder="Search"
          value={search}
          onChange={event => setSearch(event.target.value)}
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
          <TableHead>
            <TableRow>
              {columns.map(column => {
                const active = column.sort && sort?.field === column.sort;
                return (
                  <TableCell
                    key={column.title}
                    className={classes.head}
                    style={column.width ? { width: column.width } : undefined}
                    sortDirection={active ? sort!.order : false}
                  >
                    {column.sort ? (
                      <TableSortLabel
                        active={Boolean(active)}
                        direction={active ? sort!.order : 'asc'}
                        onClick={() => toggleSort(column.sort!)}
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
        page={value ? Math.min(page, lastPage) : 0}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => setPage(next)}
        onRowsPerPageChange={event => setPageSize(Number(event.target.value))}
      />
    </Paper>
  );
});
