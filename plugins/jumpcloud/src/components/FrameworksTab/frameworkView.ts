import {
  FRAMEWORKS,
  frameworkControls,
  overallStatusOf,
  totalCounts,
  type CheckOverallStatus,
  type CheckSummary,
  type Framework,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

/** Worst first: a control shows the worst status of its checks. */
const STATUS_ORDER: CheckOverallStatus[] = [
  'failing',
  'unknown',
  'excepted',
  'passing',
  'not_applicable',
  'not_evaluated',
  'disabled',
];

/** A control with its checks, their combined status and failing count. */
export interface ControlView {
  control: string;
  checks: CheckSummary[];
  status: CheckOverallStatus;
  failing: number;
}

export function isFramework(value: string | null): value is Framework {
  return FRAMEWORKS.includes(value as Framework);
}

/** The controls of a framework, each with the checks mapped to it. */
export function controlViews(
  checks: CheckSummary[],
  framework: Framework,
): ControlView[] {
  const byId = new Map(checks.map(c => [c.id, c]));
  return frameworkControls(checks, framework).map(({ control, checkIds }) => {
    const mapped = checkIds.map(id => byId.get(id)!);
    const statuses = mapped.map(c => overallStatusOf(c));
    return {
      control,
      checks: mapped,
      status:
        STATUS_ORDER.find(status => statuses.includes(status)) ?? 'disabled',
      failing: mapped
        .filter(c => c.enabled)
        .reduce((sum, c) => sum + totalCounts(c.connections).fail, 0),
    };
  });
}

/** The Findings tab's query for a control's open findings. */
export function controlFindingsSearch(
  framework: Framework,
  control: string,
): string {
  return new URLSearchParams({
    framework: `${framework}:${control}`,
    status: 'open',
  }).toString();
}
