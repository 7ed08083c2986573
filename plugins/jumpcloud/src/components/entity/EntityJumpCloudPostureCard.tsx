import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { nullIfNotFound } from '../shared/errors';
import { PostureCounts } from './PostureCounts';
import { useJumpCloudEntityTarget } from './useJumpCloudEntity';

function CardBody() {
  const api = useApi(jumpcloudApiRef);
  const target = useJumpCloudEntityTarget();
  const posture = useAsync(async () => {
    if (!target.value) return undefined;
    const [counts, open] = await Promise.all([
      nullIfNotFound(
        api.getEntityPosture(
          target.value.connectionId,
          target.value.jumpcloudId,
        ),
      ),
      api.listFindings({
        connectionId: target.value.connectionId,
        entityId: target.value.jumpcloudId,
        status: 'open',
        limit: 1,
      }),
    ]);
    return { counts: counts?.counts ?? null, openFindings: open.totalCount };
  }, [api, target.value]);

  if (target.loading || posture.loading) return <Progress />;
  const error = target.error ?? posture.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!target.value || !posture.value) {
    return <EmptyState missing="field" title="Not a JumpCloud entity" />;
  }
  return (
    <>
      <Box mb={2}>
        <Typography variant="h4" component="p">
          {posture.value.openFindings}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          open findings ({target.value.connectionName})
        </Typography>
      </Box>
      {posture.value.counts ? (
        <PostureCounts counts={posture.value.counts} />
      ) : (
        <Typography variant="body2">Not evaluated yet.</Typography>
      )}
    </>
  );
}

/**
 * A card with an entity's JumpCloud check results, for overview pages.
 *
 * @public
 */
export function EntityJumpCloudPostureCard() {
  return (
    <InfoCard title="JumpCloud posture">
      <CardBody />
    </InfoCard>
  );
}
