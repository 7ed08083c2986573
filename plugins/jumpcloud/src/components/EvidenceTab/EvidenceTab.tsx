import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import TablePagination from '@material-ui/core/TablePagination';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { formatDate } from '../shared/dates';
import { SealedRunsTable } from './SealedRunsTable';
import { EVIDENCE_PAGE_SIZES, useEvidence } from './useEvidence';
import { VerifyChain } from './VerifyChain';

/** Picks a day; the list then shows, per connection, the run in force then. */
function AsOfPicker(props: {
  asOfDate: string;
  onShow: (date: string) => void;
}) {
  const [draft, setDraft] = useState(props.asOfDate);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <TextField
        id="jumpcloud-evidence-as-of"
        label="As of"
        type="date"
        size="small"
        variant="outlined"
        value={draft}
        onChange={event => setDraft(event.target.value)}
        InputLabelProps={{ shrink: true }}
      />
      <Button
        variant="outlined"
        disabled={!draft}
        onClick={() => props.onShow(draft)}
      >
        Show runs in force
      </Button>
      {props.asOfDate ? (
        <Button
          onClick={() => {
            setDraft('');
            props.onShow('');
          }}
        >
          Show all runs
        </Button>
      ) : null}
    </Box>
  );
}

/**
 * Sealed evidence for auditors: each sealed run with what it saw, its hash
 * and link, the run in force on a date, downloads, and a verification of
 * the whole chain.
 */
export function EvidenceTab() {
  const evidence = useEvidence();
  const { runs } = evidence;
  const heading = evidence.asOfDate
    ? `Runs in force on ${formatDate(evidence.asOfDate)}, one per connection`
    : 'Sealed runs, newest first';
  return (
    <Paper>
      <Box p={2}>
        <VerifyChain
          verifying={evidence.verifying}
          verification={evidence.verification}
          error={evidence.verifyError}
          onVerify={evidence.verify}
        />
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 8 }}
          mb={1}
        >
          <Typography variant="h6" component="h2">
            {heading}
          </Typography>
          <AsOfPicker asOfDate={evidence.asOfDate} onShow={evidence.showAsOf} />
        </Box>
        {evidence.downloadError ? (
          <Alert severity="error">
            Download failed: {evidence.downloadError}
          </Alert>
        ) : null}
        {runs.loading ? <Progress /> : null}
        {runs.error ? <ResponseErrorPanel error={runs.error} /> : null}
        {runs.value && runs.value.items.length === 0 ? (
          <Typography variant="body2">
            {evidence.asOfDate
              ? 'No run had been sealed by then.'
              : 'No sealed runs yet: every complete sync seals one.'}
          </Typography>
        ) : null}
        {runs.value && runs.value.items.length > 0 ? (
          <>
            <Box overflow="auto">
              <SealedRunsTable
                runs={runs.value.items}
                verification={evidence.verification}
                downloading={evidence.downloading}
                onDownload={evidence.download}
              />
            </Box>
            <TablePagination
              component="div"
              count={runs.value.totalCount}
              page={evidence.page}
              rowsPerPage={evidence.pageSize}
              rowsPerPageOptions={EVIDENCE_PAGE_SIZES}
              onPageChange={(_event, page) => evidence.setPage(page)}
              onRowsPerPageChange={event =>
                evidence.setPageSize(Number(event.target.value))
              }
            />
          </>
        ) : null}
      </Box>
    </Paper>
  );
}
