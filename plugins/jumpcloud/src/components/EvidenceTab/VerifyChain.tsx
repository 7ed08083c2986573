import type { EvidenceVerification } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatDateTime } from '../shared/dates';
import { chainLine, verdictHeadline } from './evidenceWords';

/** The Verify button and the verdict it brought back. */
export function VerifyChain(props: {
  verifying: boolean;
  verification?: EvidenceVerification;
  error?: string;
  onVerify: () => void;
}) {
  const { verification } = props;
  return (
    <Box mb={2}>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={props.onVerify}
          disabled={props.verifying}
        >
          {props.verifying ? 'Verifying…' : 'Verify chain'}
        </Button>
        <Typography variant="body2" color="textSecondary">
          Recomputes every stored population&apos;s sha256, every manifest hash
          and every link to the previous run.
        </Typography>
      </Box>
      {props.error ? (
        <Alert severity="error" role="alert">
          Verification failed: {props.error}
        </Alert>
      ) : null}
      {verification ? (
        <Alert
          severity={verification.ok ? 'success' : 'error'}
          data-testid="evidence-verdict"
        >
          <Typography variant="subtitle2" component="p">
            {verdictHeadline(verification)}
          </Typography>
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
            {verification.connections.map(verdict => (
              <li key={verdict.connectionId}>
                <Typography variant="body2" component="span">
                  {chainLine(verdict)}
                </Typography>
              </li>
            ))}
          </ul>
          <Typography variant="caption" component="p">
            Verified by {verification.verifiedBy} on{' '}
            {formatDateTime(verification.verifiedAt)}; kept in History.
          </Typography>
        </Alert>
      ) : null}
    </Box>
  );
}
