import type {
  CheckEntityKind,
  CheckOutcomeStatus,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  dataTypesOfFields,
  type JcAdmin,
  type JcGroup,
  type JcSystem,
  type JcSystemUser,
  type SnapshotDataType,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import {
  adminName,
  type Decision,
  deviceName,
  isActiveUser,
  type Meta,
  notApplicable,
  type OsFamily,
  osFamilyOf,
  staleDevice,
  userName,
} from './helpers';
import type { CheckResult } from './runner';
import type { BuiltInCheck, BuiltInCheckContext } from './types';

// The builders every built-in check is made with: a check states what it
// decides for one entity, the builder walks the population, applies the
// rules shared by a family (OS scope, stale devices, inactive users,
// suspended admins) and shapes the results the runner expects.

export interface EntityCheckOptions<T> {
  meta: Meta;
  decide: (entity: T, ctx: BuiltInCheckContext) => Decision;
}

const NO_EVIDENCE: Record<string, unknown> = Object.freeze({});

/**
 * What a built-in check reads: the population it iterates and every source
 * its `fields` name. A field of an unknown source is a mistake in the check
 * (it would make the check wait for every data type), caught at load.
 */
function readsOf(
  meta: Meta,
  population: SnapshotDataType[],
): SnapshotDataType[] {
  const fromFields = dataTypesOfFields(meta.fields);
  if (!fromFields)
    throw new Error(
      `Check ${meta.id} names a field of an unknown source: ${meta.fields.join(
        ', ',
      )}`,
    );
  return [...new Set([...population, ...fromFields])];
}

/** A complete result whose status a check itself can produce. */
type BuiltInResult = CheckResult & { status: CheckOutcomeStatus };

/**
 * The final result object, built once with one stable shape: a large sync
 * produces millions. Evidence is kept where it explains a fail or a gap.
 */
function result(
  meta: Meta,
  entityKind: CheckEntityKind,
  decision: Decision,
  entityId: string,
  entityName: string,
): BuiltInResult {
  const keep = decision.status === 'fail' || decision.status === 'unknown';
  return {
    checkId: meta.id,
    severity: meta.severity,
    entityKind,
    entityId,
    entityName,
    status: decision.status,
    message: decision.message,
    evidence: keep ? decision.evidence ?? {} : NO_EVIDENCE,
  };
}

/**
 * A device check. `os` limits it to some OS families (others are not
 * applicable); `fresh: false` lets staleness checks see stale devices.
 */
export function deviceCheck(
  options: EntityCheckOptions<JcSystem> & { os?: OsFamily[]; fresh?: boolean },
): BuiltInCheck {
  const { meta, decide, os, fresh = true } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['systems']),
    family: 'device',
    entityKind: 'device',
    perEntity: 'systems',
    evaluate(ctx) {
      const outcomes: BuiltInResult[] = [];
      for (const system of ctx.snapshot.systems) {
        const family = osFamilyOf(system);
        let decision: Decision | undefined;
        if (os && !os.includes(family)) {
          const name = family === 'other' ? system.os ?? 'this OS' : family;
          decision = notApplicable(`Not applicable to ${name} devices`, {
            os: system.os ?? null,
          });
        }
        decision ??= fresh ? staleDevice(system, ctx) : undefined;
        decision ??= decide(system, ctx);
        outcomes.push(
          result(meta, 'device', decision, system._id, deviceName(system)),
        );
      }
      return outcomes;
    },
  };
}

/** A user check; users outside the active population are not applicable unless `allUsers`. */
export function userCheck(
  options: EntityCheckOptions<JcSystemUser> & { allUsers?: boolean },
): BuiltInCheck {
  const { meta, decide, allUsers = false } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['users']),
    family: 'user',
    entityKind: 'user',
    perEntity: 'users',
    evaluate(ctx) {
      const outcomes: BuiltInResult[] = [];
      for (const user of ctx.snapshot.users) {
        const decision =
          !allUsers && !isActiveUser(user)
            ? notApplicable(
                `The account is ${user.state ?? 'not activated'}${
                  user.suspended ? ' (suspended)' : ''
                }`,
                {
                  state: user.state ?? null,
                  suspended: user.suspended ?? null,
                },
              )
            : decide(user, ctx);
        outcomes.push(result(meta, 'user', decision, user._id, userName(user)));
      }
      return outcomes;
    },
  };
}

/** A console-administrator check (admins are a user subtype); suspended admins are not applicable. */
export function adminCheck(options: EntityCheckOptions<JcAdmin>): BuiltInCheck {
  const { meta, decide } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['admins']),
    family: 'user',
    entityKind: 'user',
    evaluate(ctx) {
      return ctx.snapshot.admins.map(admin =>
        result(
          meta,
          'user',
          admin.suspended
            ? notApplicable('The administrator is suspended', {
                suspended: true,
              })
            : decide(admin, ctx),
          admin._id,
          adminName(admin),
        ),
      );
    },
  };
}

/** A check over user and system groups. */
export function groupCheck(options: EntityCheckOptions<JcGroup>): BuiltInCheck {
  const { meta, decide } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['userGroups', 'systemGroups']),
    family: 'group',
    entityKind: 'group',
    evaluate(ctx) {
      return [...ctx.snapshot.userGroups, ...ctx.snapshot.systemGroups].map(
        group =>
          result(meta, 'group', decide(group, ctx), group.id, group.name),
      );
    },
  };
}

/** A check with one result for the organisation. */
export function orgCheck(options: {
  meta: Meta;
  family?: 'org' | 'user' | 'group';
  decide: (ctx: BuiltInCheckContext) => Decision;
}): BuiltInCheck {
  const { meta, decide, family = 'org' } = options;
  return {
    ...meta,
    reads: readsOf(meta, []),
    family,
    entityKind: 'org',
    evaluate(ctx) {
      const org = ctx.snapshot.organization;
      const entityId = org?._id ?? ctx.orgId ?? ctx.connectionId;
      return [
        result(
          meta,
          'org',
          decide(ctx),
          entityId,
          org?.displayName ?? entityId,
        ),
      ];
    },
  };
}
