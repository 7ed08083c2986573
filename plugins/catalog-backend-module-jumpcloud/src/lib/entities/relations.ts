import type {
  GroupMember,
  JcSystem,
  UserSystemBinding,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';

/** Direct memberships of one member type, from one end to the other's ids. */
function membershipIndex(
  members: GroupMember[],
  memberType: GroupMember['memberType'],
  from: 'groupId' | 'memberId',
): Map<string, string[]> {
  const to = from === 'groupId' ? 'memberId' : 'groupId';
  const result = new Map<string, string[]>();
  for (const member of members) {
    if (member.memberType !== memberType) continue;
    const list = result.get(member[from]) ?? [];
    list.push(member[to]);
    result.set(member[from], list);
  }
  return result;
}

/** groupId → ids of its direct members of the given type. */
export function membersByGroup(
  members: GroupMember[],
  memberType: GroupMember['memberType'],
): Map<string, string[]> {
  return membershipIndex(members, memberType, 'groupId');
}

/** memberId → ids of the groups it is a direct member of. */
export function groupsByMember(
  members: GroupMember[],
  memberType: GroupMember['memberType'],
): Map<string, string[]> {
  return membershipIndex(members, memberType, 'memberId');
}

/**
 * The JumpCloud user who owns a device: its primary user when JumpCloud names
 * one, else the only user bound to it directly. Several direct users and no
 * primary means nobody can be picked without guessing.
 */
export function primaryUserId(
  device: JcSystem,
  bindingsBySystem: ReadonlyMap<string, UserSystemBinding[]>,
): string | undefined {
  const primary = device.primarySystemUser?.id;
  if (primary) {
    return primary;
  }
  const direct = new Set(
    (bindingsBySystem.get(device._id) ?? [])
      .filter(binding => !binding.viaGroup)
      .map(binding => binding.userId),
  );
  return direct.size === 1 ? [...direct][0] : undefined;
}

export function bindingsBySystemId(
  bindings: UserSystemBinding[],
): Map<string, UserSystemBinding[]> {
  const result = new Map<string, UserSystemBinding[]>();
  for (const binding of bindings) {
    const list = result.get(binding.systemId) ?? [];
    list.push(binding);
    result.set(binding.systemId, list);
  }
  return result;
}
