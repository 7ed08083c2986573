import {
  emptySnapshot,
  type OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';

/** A small, fully populated snapshot for store and engine tests. */
export function syntheticSnapshot(devices: number, users: number): OrgSnapshot {
  const s = emptySnapshot('2026-11-23T00:00:00.000Z');
  const sysId = (i: number) => `sys${String(i).padStart(4, '0')}`;
  const usrId = (i: number) => `usr${String(i).padStart(4, '0')}`;
  for (let i = 0; i < devices; i++) {
    s.systems.push({
      _id: sysId(i),
      hostname: `host-${i}`,
      os: i % 2 ? 'Windows' : 'Mac OS X',
      osFamily: i % 2 ? 'windows' : 'darwin',
      active: i % 3 !== 0,
      fde: { active: i % 4 !== 0 },
    });
  }
  for (let i = 0; i < users; i++) {
    s.users.push({
      _id: usrId(i),
      username: `user${i}`,
      email: `user${i}@example.com`,
      state: 'ACTIVATED',
    });
    s.userSystemBindings.push({
      userId: usrId(i),
      systemId: sysId(0),
      viaGroup: i % 2 === 0,
      sudo: { enabled: i === 0 },
    });
  }
  s.admins.push({
    _id: 'adm1',
    email: 'user1@example.com',
    roleName: 'Administrator',
  });
  s.userGroups.push({ id: 'ug1', name: 'Engineering' });
  s.systemGroups.push({ id: 'sg1', name: 'Laptops' });
  s.userGroupMembers.push({
    groupId: 'ug1',
    memberId: usrId(0),
    memberType: 'user',
  });
  s.systemGroupMembers.push({
    groupId: 'sg1',
    memberId: sysId(0),
    memberType: 'system',
  });
  s.policies.push({
    id: 'pol1',
    name: 'FileVault',
    template: { name: 'fde', osMetaFamily: 'darwin' },
  });
  s.policyStatuses.push({
    id: 'ps1',
    policyID: 'pol1',
    systemID: sysId(0),
    success: false,
  });
  s.systemInsights.disk_encryption = [{ system_id: sysId(0), encrypted: 1 }];
  s.organization = {
    _id: 'org1',
    displayName: 'Org',
    settings: { requireAdminMFA: true },
  };
  return s;
}
