import type { CheckDefinitionInfo } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  JumpCloudCheck,
  JumpCloudChecksExtensionPoint,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { deviceChecks } from './device';
import { groupChecks } from './group';
import { orgChecks } from './org';
import type { BuiltInCheck } from './types';
import { userChecks } from './user';

/** Every built-in check, in catalogue order. */
export const builtInChecks: BuiltInCheck[] = [
  ...deviceChecks,
  ...userChecks,
  ...groupChecks,
  ...orgChecks,
];

const builtIn = new WeakSet<object>(builtInChecks);

/** True for the plugin's own checks (whose outcomes the runner may complete in place). */
export function isBuiltIn(check: RegisteredCheck): boolean {
  return builtIn.has(check);
}

/** A check as the runner holds it: built-in checks also read indexes and thresholds. */
export type RegisteredCheck = BuiltInCheck | JumpCloudCheck;

/**
 * Collects custom checks from the extension point. The backend plugin
 * registers one instance as `jumpcloudChecksExtensionPoint` and hands
 * `list()` to the findings service.
 */
export class CustomCheckRegistry implements JumpCloudChecksExtensionPoint {
  readonly #checks: JumpCloudCheck[] = [];

  addChecks(...checks: JumpCloudCheck[]): void {
    for (const check of checks) {
      if (!check?.id || typeof check.evaluate !== 'function') {
        throw new Error(
          'A JumpCloud check needs an id and an evaluate function',
        );
      }
      const taken = [...builtInChecks, ...this.#checks].some(
        c => c.id === check.id,
      );
      if (taken)
        throw new Error(
          `A JumpCloud check with id ${check.id} is already registered`,
        );
      this.#checks.push(check);
    }
  }

  list(): JumpCloudCheck[] {
    return [...this.#checks];
  }
}

/** The catalogue as GET /checks returns it. */
export function describeChecks(
  checks: RegisteredCheck[],
  disabled: Iterable<string>,
): CheckDefinitionInfo[] {
  const off = new Set(disabled);
  return checks.map(c => ({
    id: c.id,
    title: c.title,
    entityKind: c.entityKind,
    severity: c.severity,
    description: c.description,
    remediation: c.remediation,
    fields: c.fields,
    frameworks: c.frameworks,
    enabled: !off.has(c.id),
  }));
}
