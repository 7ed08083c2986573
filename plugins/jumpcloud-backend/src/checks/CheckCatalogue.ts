import {
  FRAMEWORKS,
  type CheckDefinitionInfo,
  type CheckMetadata,
  type Framework,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudCheck } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  builtInChecks,
  describeChecks,
  type RegisteredCheck,
} from './registry';
import type { CheckThresholds } from './thresholds';

/**
 * The checks this backend runs (built-in, then custom ones from the
 * extension point) with the thresholds and switches of `jumpcloud.checks`.
 */
export class CheckCatalogue {
  readonly checks: RegisteredCheck[];
  readonly metadata: ReadonlyMap<string, CheckMetadata>;

  constructor(
    readonly thresholds: CheckThresholds,
    customChecks: JumpCloudCheck[] = [],
    logger?: LoggerService,
  ) {
    this.checks = [...builtInChecks, ...customChecks];
    this.metadata = new Map(this.checks.map(c => [c.id, c]));
    const unknownIds = thresholds.disabled.filter(id => !this.metadata.has(id));
    if (unknownIds.length)
      logger?.warn(
        `jumpcloud.checks.disabled names unknown checks: ${unknownIds.join(
          ', ',
        )}`,
      );
  }

  /** GET /checks */
  describe(): CheckDefinitionInfo[] {
    return describeChecks(this.checks, this.thresholds.disabled);
  }

  has(id: string): boolean {
    return this.metadata.has(id);
  }

  /** The checks not switched off in config. */
  enabled(): RegisteredCheck[] {
    const disabled = new Set(this.thresholds.disabled);
    return this.checks.filter(c => !disabled.has(c.id));
  }

  /** Check ids mapped to a framework (`soc2`) or to one control (`soc2:CC6.1`). */
  idsForFramework(filter: string): string[] {
    const [framework, control] = filter.split(':', 2) as [
      Framework,
      string | undefined,
    ];
    if (!FRAMEWORKS.includes(framework)) return [];
    return this.checks
      .filter(c =>
        (c.frameworks[framework] ?? []).some(
          ref => !control || ref.toLowerCase() === control.toLowerCase(),
        ),
      )
      .map(c => c.id);
  }
}
