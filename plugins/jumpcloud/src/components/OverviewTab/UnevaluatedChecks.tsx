import type { Posture } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Typography from '@material-ui/core/Typography';

/**
 * Checks the latest syncs could not evaluate, grouped by reason: a
 * compliance owner sees at once how much of the posture rests on data the
 * organisation's plan or the key's role does not give.
 */
export function UnevaluatedChecks(props: {
  checks: Posture['unevaluatedChecks'];
}) {
  if (props.checks.length === 0) {
    return (
      <Typography variant="body2">
        Every enabled check was evaluated by the latest syncs.
      </Typography>
    );
  }
  const byReason = new Map<string, string[]>();
  for (const check of props.checks) {
    const ids = byReason.get(check.reason) ?? [];
    if (!ids.includes(check.checkId)) ids.push(check.checkId);
    byReason.set(check.reason, ids);
  }
  const count = new Set(props.checks.map(c => c.checkId)).size;
  return (
    <>
      <Typography variant="body2" component="p" id="jumpcloud-unevaluated">
        {count === 1
          ? '1 check could not be evaluated'
          : `${count} checks could not be evaluated`}
        ; their findings stay as they were.
      </Typography>
      <ul aria-labelledby="jumpcloud-unevaluated" style={{ paddingLeft: 16 }}>
        {[...byReason].map(([reason, ids]) => (
          <li key={reason}>
            <Typography variant="body2" component="span">
              {reason}: {ids.join(', ')}
            </Typography>
          </li>
        ))}
      </ul>
    </>
  );
}
