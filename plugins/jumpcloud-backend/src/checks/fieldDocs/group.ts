import type { CheckFieldDocs } from './types';

/** Group checks (GRP-*): user and device groups, their members and settings, and the Directory Insights events that change them. */
export const GROUP_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  'GRP-01': {
    fields: {
      'usergroups/{id}/members': 'Direct members of each user group.',
      'systemgroups/{id}/members': 'Direct members of each device group.',
    },
    withoutData: 'Always read with groups: never unknown.',
  },
  'GRP-02': {
    fields: {
      'groups.membershipMethod':
        '`STATIC`, `DYNAMIC_REVIEW_REQUIRED`, `DYNAMIC_AUTOMATED`, `NOTSET`; static groups are not applicable.',
      'groups.memberQueryErrorFlags':
        'Errors JumpCloud found evaluating the membership query.',
      'groups.memberQueryExemptions':
        'Members exempted from the rule; they must be explained…',
      'groups.description': '…in the group description.',
    },
    withoutData: 'A group without `membershipMethod` is **unknown**.',
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
        'A group was modified; privileged when `changes[].field` names sudo/admin settings (e.g. `attributes.sudo.enabled`). Membership changes are `association_change` and not counted.',
    },
    withoutData:
      'No Directory Insights events (Directory Insights off or outside the plan): **unknown**.',
  },
};
