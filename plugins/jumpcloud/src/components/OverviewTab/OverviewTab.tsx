import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { lazy, Suspense } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { formatDateTime } from '../shared/dates';
import { ConnectionsSummary } from './ConnectionsSummary';
import { SeverityBreakdown } from './SeverityBreakdown';
import { UnevaluatedChecks } from './UnevaluatedChecks';

// recharts is the page's largest dependency (~340 kB minified): loaded with
// the Overview's chart only, so the other tabs (Findings first) do not parse it.
const PostureTrendChart = lazy(() =>
  import('./PostureTrendChart').then(m => ({ default: m.PostureTrendChart })),
);

/** Posture score and trend, findings by severity, connections. */
export function OverviewTab() {
  const api = useApi(jumpcloudApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [posture, trend, connections] = await Promise.all([
      api.getPosture(),
      api.getPostureTrend(),
      api.listConnections(),
    ]);
    return { posture, trend, connections };
  }, [api]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { posture, trend, connections } = value!;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Posture score">
          <Typography variant="h2" component="p" id="jumpcloud-posture-score">
            {posture.score === null ? '—' : Math.round(posture.score)}
            {posture.score === null ? null : (
              <Typography variant="h5" component="span">
                {' '}
                / 100
              </Typography>
            )}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {posture.evaluatedAt
              ? `Evaluated ${formatDateTime(posture.evaluatedAt)}`
              : 'Not evaluated yet: run a sync.'}
          </Typography>
          {posture.evaluatedAt ? (
            <UnevaluatedChecks checks={posture.unevaluatedChecks ?? []} />
          ) : null}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Posture trend">
          <Suspense fallback={<Progress />}>
            <PostureTrendChart points={trend} />
          </Suspense>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Open findings by severity">
          <SeverityBreakdown openBySeverity={posture.openBySeverity} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Connections">
          <ConnectionsSummary connections={connections} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
