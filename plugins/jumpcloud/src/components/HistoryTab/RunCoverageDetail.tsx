import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { CoverageList, coverageSummary } from '../shared/CoverageList';

/** What a sync read, per data type: complete, not available, or failed. */
export function RunCoverageDetail(props: { runId: string }) {
  const api = useApi(jumpcloudApiRef);
  const {
    value: run,
    loading,
    error,
  } = useAsync(() => api.getRun(props.runId), [api, props.runId]);
  if (loading) return <Progress />;
  // A pruned or deleted run has nothing more to say than its history row.
  if (error || !run || Object.keys(run.coverage ?? {}).length === 0)
    return null;
  return (
    <>
      <Typography variant="subtitle2" component="p" style={{ marginTop: 8 }}>
        Data read: {coverageSummary(run.coverage)}
      </Typography>
      <CoverageList coverage={run.coverage} />
    </>
  );
}
