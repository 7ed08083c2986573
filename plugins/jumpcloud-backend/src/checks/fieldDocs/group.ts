import type { CheckFieldDocs } from './types';

// Sources: v2 `UserGroup` / `SystemGroup` (GET /api/v2/usergroups,
// /systemgroups), their direct members (GET …/{id}/members, the member in
// `to.id`) and the Directory Insights event catalogue.

/** Group checks (GRP-*): user and device groups, their members and settings, and the Directory Insights events that change them. */
export const GROUP_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  'GRP-01': {
    fields: {
      'usergroups/{id}/members':
        'Direct members of each user group (users, v2 `GraphConnection`).',
      'systemgroups/{id}/members':
        'Direct members of each device group (devices).',
      'groups.attributes.sudo':
        'User groups only: `{enabled, withoutPassword}`, admin (sudo) rights on every device the members reach; `attributes` is `null` when nothing is set. An empty group with `enabled: true` fails.',
    },
    withoutData:
      'Groups and members come with every complete sync, so never unknown. An empty group that grants no sudo is **not applicable**: emptiness alone is not a finding (a dynamic rule that matches nobody yet, a group prepared for a new team), and what a group grants through associations (apps, policies, devices) is not kept by a sync.',
  },
  'GRP-02': {
    fields: {
      'groups.membershipMethod':
        '`NOTSET`, `STATIC`, `DYNAMIC_REVIEW_REQUIRED` or `DYNAMIC_AUTOMATED`; only the two dynamic methods are judged, the others are not applicable.',
      'groups.memberQueryErrorFlags':
        'Errors JumpCloud met evaluating the membership query (`CYCLE`, `INVALID_GROUP_REFERENCE`); any fails.',
      'groups.memberQueryExemptions':
        'Objects `{id, type, organizationId}` exempted from the rule; they must be explained…',
      'groups.description':
        '…in the group description (≤ 1024; `""` when unset, which fails when there are exemptions).',
    },
    withoutData:
      'A group without `membershipMethod` is **unknown**; `memberQueryErrorFlags` or `memberQueryExemptions` absent or `null` count as none.',
  },
  'GRP-03': {
    fields: {
      'directoryevents.admin_create': 'An administrator was created.',
      'directoryevents.admin_update':
        'An administrator was updated (role, TOTP, contact).',
      'directoryevents.admin_delete': 'An administrator was deleted.',
      'directoryevents.user_admin_granted':
        'Admin (sudo) rights on device(s) granted to a user.',
      'directoryevents.user_group_admin_grant':
        'Administrator access granted to a group.',
      'directoryevents.user_update.changes':
        'A user was updated; privileged when `changes[].field` names sudo or admin settings (`changes` is sometimes one object, not an array).',
      'directoryevents.group_create.changes':
        'A group was created; privileged when it carries sudo/admin settings.',
      'directoryevents.group_update.changes':
        'A group was modified; privileged when `changes[].field` names sudo/admin settings (e.g. `attributes.sudo.enabled`). Membership changes are `association_change` and not counted. Undocumented types such as `user_group_update` are ignored.',
    },
    withoutData:
      'No Directory Insights events held: **unknown**. Directory Insights outside the plan (402) or not readable (403): GRP-03 is left unevaluated for the run, with that reason.',
  },
};
