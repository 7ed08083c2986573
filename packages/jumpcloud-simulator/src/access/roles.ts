import { forbidden } from '../http/errors';
import type { KeyRecord } from '../http/keyStore';
import type { AdminRole } from '../types';
import { matchesAny } from './routePatterns';

/** Role names as options and CLI flags spell them. */
export type RoleName =
  | 'administrator'
  | 'manager'
  | 'helpDesk'
  | 'readOnly'
  | 'commandRunner';

/**
 * A custom role (JumpCloud lets billing admins build roles from scopes):
 * the route patterns it cannot read, on top of a built-in base role
 * (default `readOnly`, what an integration is normally given).
 */
export interface CustomRole {
  base?: RoleName | AdminRole;
  forbidden: string[];
}

export type RoleOption = RoleName | AdminRole | CustomRole;

export const ROLE_NAMES: Record<RoleName, AdminRole> = {
  administrator: 'Administrator',
  manager: 'Manager',
  helpDesk: 'Help Desk',
  readOnly: 'Read Only',
  commandRunner: 'Command Runner',
};

interface RoleAccess {
  /** Route patterns the role gets 403 on. */
  cannotRead: readonly string[];
  /** When set, the only route patterns the role can read. */
  onlyRead?: readonly string[];
}

const ADMINS = [
  '/api/users', // console admins: the list JumpCloud's own tools read (§3.9)
  '/api/v2/administrators',
  '/api/v2/providers/*/administrators',
];
const FDE_KEY = ['/api/v2/systems/*/fdekey'];
const COMMAND_RUNNER = {
  cannotRead: [],
  onlyRead: ['/api/organizations', '/api/systems', '/api/search/systems'],
};

/**
 * What each built-in role cannot read. Based on jumpcloud-api.md §7 where it
 * says something; the rest is the simulator's plausible choice:
 *
 * - Administrator (with or without Billing): everything.
 * - Read Only: everything but the FDE recovery key (a secret: the simulator
 *   asks for a write role). Its 403 on command associations (§7,
 *   TheJumpCloud/support#377, #382) depends on the `targets` query, so it
 *   lives in routes/associations.ts.
 * - Manager (documents silent): administers users, groups and devices, not
 *   the console's administrators; no FDE keys.
 * - Help Desk (documents silent): user and device support; no
 *   administrators, FDE keys, audit trail (Directory Insights), Conditional
 *   Access or device policies.
 * - Command Runner (with or without Billing): devices and organisations only;
 *   403 on Directory Insights is documented (§4.1, §7).
 */
export const ROLE_ACCESS: Record<AdminRole, RoleAccess> = {
  'Administrator with Billing': { cannotRead: [] },
  Administrator: { cannotRead: [] },
  Manager: { cannotRead: [...ADMINS, ...FDE_KEY] },
  'Help Desk': {
    cannotRead: [
      ...ADMINS,
      ...FDE_KEY,
      '/insights/directory/v1',
      '/api/v2/authn/policies',
      '/api/v2/policies',
      '/api/v2/systems/*/policies',
      '/api/v2/systems/*/policystatuses',
    ],
  },
  'Read Only': { cannotRead: FDE_KEY },
  'Command Runner': COMMAND_RUNNER,
  'Command Runner with Billing': COMMAND_RUNNER,
};

function isRoleName(value: string): value is RoleName {
  return value in ROLE_NAMES;
}

/** An option (camelCase name, console name or custom role) as stored on a key. */
export function resolveRole(option: RoleOption): {
  role: AdminRole;
  forbidden?: string[];
} {
  if (typeof option === 'string') {
    if (isRoleName(option)) return { role: ROLE_NAMES[option] };
    if (option in ROLE_ACCESS) return { role: option };
    throw new Error(
      `Unknown role "${option}"; expected ${Object.keys(ROLE_NAMES).join(
        ', ',
      )} or a custom role { forbidden: [...] }`,
    );
  }
  if (!option || !Array.isArray(option.forbidden))
    throw new Error('A custom role needs a "forbidden" list of route prefixes');
  const base = resolveRole(option.base ?? 'readOnly');
  return {
    role: base.role,
    forbidden: [...(base.forbidden ?? []), ...option.forbidden],
  };
}

/** 403 with JumpCloud's body when the key's role cannot read `path`. */
export function checkRole(key: KeyRecord, path: string): void {
  const access = ROLE_ACCESS[key.role];
  const denied =
    (access.onlyRead !== undefined && !matchesAny(access.onlyRead, path)) ||
    matchesAny(access.cannotRead, path) ||
    matchesAny(key.forbidden ?? [], path);
  if (denied)
    throw forbidden('you do not have permission to access this resource');
}
