import type { PostureTrendPoint } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { EmptyState } from '@backstage/core-components';
import { DateTime } from 'luxon';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDateTime } from '../shared/dates';

function describeTrend(points: PostureTrendPoint[]): string {
  const scored = points.filter(p => p.score !== null);
  if (scored.length === 0) return 'No posture score recorded yet.';
  const first = scored[0];
  const last = scored[scored.length - 1];
  return `Posture score over ${scored.length} syncs: from ${Math.round(
    first.score!,
  )} on ${formatDateTime(first.at)} to ${Math.round(
    last.score!,
  )} on ${formatDateTime(last.at)}.`;
}

/** The posture score per complete sync, oldest first. */
export function PostureTrendChart(props: { points: PostureTrendPoint[] }) {
  if (props.points.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No trend yet"
        description="The trend appears after the first complete sync."
      />
    );
  }
  const data = props.points.map(p => ({
    at: DateTime.fromISO(p.at).toMillis(),
    score: p.score,
    openFindings: p.openFindings,
  }));
  // The chart is drawn for sighted users; screen readers get the summary.
  return (
    <div role="img" aria-label={describeTrend(props.points)}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(ms: number) =>
              DateTime.fromMillis(ms).toLocaleString(DateTime.DATE_SHORT)
            }
          />
          <YAxis domain={[0, 100]} />
          <Tooltip
            labelFormatter={(ms: number) =>
              DateTime.fromMillis(ms).toLocaleString(DateTime.DATETIME_MED)
            }
          />
          <Line
            type="monotone"
            dataKey="score"
            name="Score"
            stroke="#1e4f8a"
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
