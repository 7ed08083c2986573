import {
  dataTypeLabel,
  type ErrorDetail,
  type RunCoverage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { isEssentialDataType } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { describeError } from '../jumpcloud/errorDetail';
import type { RunPipelineResult } from './RunPipeline';

// What an admin reads about a run that did not read everything: the
// connection's attention note and the History error, for a run applied with
// gaps and for one not applied. Kept together so the two say the same thing.

const unknownError: ErrorDetail = {
  kind: 'internal',
  message: 'not read completely',
};

/** Data types that failed this run for a passing reason (not 402/403). */
export function passingFailures(
  coverage: RunCoverage,
): Array<[string, ErrorDetail]> {
  return Object.entries(coverage)
    .filter(([, entry]) => entry.state === 'failed')
    .map(([type, entry]) => [type, entry.error ?? unknownError]);
}

function describeTypes(failures: Array<[string, ErrorDetail]>): string {
  return failures
    .map(
      ([type, detail]) => `${dataTypeLabel(type)} (${describeError(detail)})`,
    )
    .join(', ');
}

/** The connection's attention note for a run with gaps, or none. */
export function gapsReason(gaps: Array<[string, ErrorDetail]>): string | null {
  return gaps.length > 0
    ? `Last sync could not read ${describeTypes(
        gaps,
      )}; their last complete values are kept`
    : null;
}

/** The history note of a run applied with gaps, or none. */
export function gapsError(coverage: RunCoverage): ErrorDetail | null {
  const gaps = passingFailures(coverage);
  if (gaps.length === 0) return null;
  return { ...gaps[0][1], message: gapsReason(gaps)! };
}

export function notAppliedReason(result: RunPipelineResult): string {
  return `Last sync was not applied: ${describeTypes(
    Object.entries(result.failures).filter(([type]) =>
      isEssentialDataType(type),
    ),
  )} could not be read completely`;
}

/** The history error of a run not applied: the first essential failure, all named. */
export function essentialError(
  failures: Record<string, ErrorDetail>,
): ErrorDetail {
  const essential = Object.entries(failures).filter(([type]) =>
    isEssentialDataType(type),
  );
  const [, first] = essential[0] ?? Object.entries(failures)[0];
  return {
    ...first,
    message: `Not applied: ${describeTypes(
      essential,
    )} could not be read completely`,
  };
}
