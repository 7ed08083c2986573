import type { Framework } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Typography from '@material-ui/core/Typography';
import { FRAMEWORK_LABELS } from './labels';

/** "SOC 2: CC6.1, CC6.8" lines for each framework with references. */
export function FrameworkRefs(props: {
  frameworks: Partial<Record<Framework, string[]>>;
}) {
  const entries = (Object.keys(props.frameworks) as Framework[]).filter(
    f => (props.frameworks[f] ?? []).length > 0,
  );
  if (entries.length === 0) {
    return <Typography variant="body2">No framework references.</Typography>;
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {entries.map(f => (
        <li key={f}>
          <Typography variant="body2" component="span">
            <strong>{FRAMEWORK_LABELS[f] ?? f}:</strong>{' '}
            {props.frameworks[f]!.join(', ')}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
