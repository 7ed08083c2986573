import type { CheckResultStatus } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

const STATUS_LABELS: Record<CheckResultStatus, string> = {
  pass: 'Passing',
  fail: 'Failing',
  unknown: 'Unknown',
  not_applicable: 'Not applicable',
  excepted: 'Risk accepted',
};

const ORDER: CheckResultStatus[] = [
  'fail',
  'pass',
  'unknown',
  'excepted',
  'not_applicable',
];

/** Check results of one entity, counted by outcome. */
export function PostureCounts(props: {
  counts: Partial<Record<CheckResultStatus, number>>;
}) {
  return (
    <Box
      component="dl"
      display="grid"
      gridTemplateColumns="repeat(auto-fit, minmax(110px, 1fr))"
      gridGap={8}
      m={0}
    >
      {ORDER.map(status => (
        <Box key={status}>
          <Typography component="dt" variant="body2" color="textSecondary">
            {STATUS_LABELS[status]}
          </Typography>
          <Typography component="dd" variant="h5" style={{ margin: 0 }}>
            {props.counts[status] ?? 0}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
