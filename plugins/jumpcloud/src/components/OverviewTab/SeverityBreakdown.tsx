import type { Severity } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useJumpCloudTabPath } from '../shared/basePath';
import { SEVERITIES, SEVERITY_LABELS } from '../shared/labels';
import { severityColour } from '../shared/StatusChips';

/** Open findings per severity, each linking to the filtered Findings tab. */
export function SeverityBreakdown(props: {
  openBySeverity: Partial<Record<Severity, number>>;
}) {
  const tabPath = useJumpCloudTabPath();
  const total = SEVERITIES.reduce(
    (sum, s) => sum + (props.openBySeverity[s] ?? 0),
    0,
  );
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {SEVERITIES.map(severity => {
        const count = props.openBySeverity[severity] ?? 0;
        const share = total ? (count / total) * 100 : 0;
        return (
          <Box component="li" key={severity} mb={1.5}>
            <Box display="flex" justifyContent="space-between">
              <Link
                to={tabPath('findings', `severity=${severity}&status=open`)}
              >
                {SEVERITY_LABELS[severity]}
              </Link>
              <Typography variant="body2" component="span">
                {count} open
              </Typography>
            </Box>
            <Box height={8} bgcolor="action.hover" borderRadius={4} aria-hidden>
              <Box
                height={8}
                borderRadius={4}
                style={{
                  width: `${share}%`,
                  backgroundColor: severityColour(severity),
                }}
              />
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
