import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type {
  DeviceAssetDetail,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { jumpcloudApiRef } from '../../api';
import { nullIfNotFound } from '../shared/errors';
import { DeviceDetails, UserDetails } from './AssetDetails';
import { EntityFindingsTable } from './EntityFindingsTable';
import { PostureCounts } from './PostureCounts';
import {
  JumpCloudEntityTarget,
  useJumpCloudEntityTarget,
} from './useJumpCloudEntity';

function AssetDetailsOf(props: {
  detail: { device: DeviceAssetDetail } | { user: UserAssetDetail } | null;
}) {
  if (!props.detail) {
    return (
      <Typography variant="body2">
        Not in the latest complete sync of this connection.
      </Typography>
    );
  }
  return 'device' in props.detail ? (
    <DeviceDetails device={props.detail.device} />
  ) : (
    <UserDetails user={props.detail.user} />
  );
}

function EntityJumpCloudTabBody(props: { target: JumpCloudEntityTarget }) {
  const { target } = props;
  const api = useApi(jumpcloudApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [detail, posture, findings, checks] = await Promise.all([
      target.kind === 'device'
        ? nullIfNotFound(
            api.getDevice(target.connectionId, target.jumpcloudId),
          ).then(device => (device ? { device } : null))
        : nullIfNotFound(
            api.getUser(target.connectionId, target.jumpcloudId),
          ).then(user => (user ? { user } : null)),
      nullIfNotFound(
        api.getEntityPosture(target.connectionId, target.jumpcloudId),
      ),
      api.listFindings({
        connectionId: target.connectionId,
        entityId: target.jumpcloudId,
        limit: 200,
        sort: 'severity',
      }),
      api.listChecks(),
    ]);
    return {
      detail,
      posture,
      findings: findings.items,
      checks: new Map(checks.map(c => [c.id, c])),
    };
  }, [api, target]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { detail, posture, findings, checks } = value!;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <InfoCard title="JumpCloud posture" subheader={target.connectionName}>
          {posture ? (
            <PostureCounts counts={posture.counts} />
          ) : (
            <Typography variant="body2">
              Not evaluated yet: the checks run after the next complete sync.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title={target.kind === 'device' ? 'Device' : 'User'}>
          <AssetDetailsOf detail={detail} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <EntityFindingsTable findings={findings} checks={checks} />
      </Grid>
    </Grid>
  );
}

/**
 * The JumpCloud tab of a device Resource or a User: posture, details and
 * findings of that entity.
 *
 * @public
 */
export function EntityJumpCloudContent() {
  const { value: target, loading, error } = useJumpCloudEntityTarget();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!target) {
    return (
      <EmptyState
        missing="field"
        title="Not a JumpCloud entity"
        description={
          <Typography variant="body2">
            This entity has no jumpcloud.com/system-id or jumpcloud.com/user-id
            annotation.
          </Typography>
        }
      />
    );
  }
  return <EntityJumpCloudTabBody target={target} />;
}
