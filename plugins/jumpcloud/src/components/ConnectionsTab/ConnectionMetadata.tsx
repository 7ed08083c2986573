import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { StructuredMetadataTable } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { CoverageList, missingDataTypes } from '../shared/CoverageList';
import { formatDateTime } from '../shared/dates';
import { frequencyLabel, REGION_LABELS } from '../shared/labels';

/** A connection's settings as label → value (secrets by their last four). */
function metadataOf(connection: Connection) {
  const lastRun = connection.lastRun;
  return {
    ...(connection.region
      ? { Region: REGION_LABELS[connection.region] }
      : { 'API URL': connection.apiUrl }),
    Organisation: connection.orgName ?? connection.orgId ?? '—',
    ...(connection.authType === 'serviceAccount'
      ? {
          Credential: 'Service account',
          'Client ID': connection.clientId ?? '—',
          'Client secret': `•••• ${connection.clientSecretLast4 ?? ''}`,
        }
      : {
          Credential: 'API key',
          'API key': `•••• ${connection.apiKeyLast4 ?? ''}`,
        }),
    'Auto-sync': frequencyLabel(connection.syncFrequency),
    'Last sync': lastRun
      ? `${formatDateTime(lastRun.startedAt)} (${lastRun.status})`
      : 'Never',
  };
}

/**
 * A connection's settings, the data its last applied sync could not read
 * and whether it is declared in configuration.
 */
export function ConnectionMetadata(props: { connection: Connection }) {
  const { connection } = props;
  return (
    <>
      <StructuredMetadataTable dense metadata={metadataOf(connection)} />
      {missingDataTypes(connection.coverage).length > 0 ? (
        <Box mt={1} aria-label="Data this connection could not read">
          <Typography variant="subtitle2" component="p">
            Not read by the last applied sync
          </Typography>
          <CoverageList coverage={connection.coverage!} onlyMissing />
        </Box>
      ) : null}
      {connection.source === 'config' ? (
        <Box mt={1}>
          <Chip size="small" label="Declared in app-config.yaml (read-only)" />
        </Box>
      ) : null}
    </>
  );
}
