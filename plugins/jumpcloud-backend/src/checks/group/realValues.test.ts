import type { JcDirectoryEvent } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo } from '../__fixtures__/snapshot';

// GRP-03 over Directory Insights event types as the Directory Insights API
// documents them (group_create / group_update / group_delete,
// user_admin_granted, user_group_admin_grant, admin_*), with `changes` as
// real events carry it: an array of {field, from, to}, sometimes one object.

const event = (
  event_type: string,
  extra: Partial<JcDirectoryEvent> = {},
): JcDirectoryEvent => ({
  id: `e-${event_type}`,
  event_type,
  service: 'directory',
  timestamp: daysAgo(4),
  success: true,
  organization: 'org1',
  initiated_by: { id: 'a1', type: 'admin', email: 'root@example.com' },
  ...extra,
});
const withEvents =
  (...events: JcDirectoryEvent[]) =>
  (s: { directoryEvents: JcDirectoryEvent[] }) => {
    s.directoryEvents.push(...events);
  };

describe('GRP-03 reads documented Directory Insights event types', () => {
  it('fails on a group_update that grants sudo to a user group', () => {
    const result = evaluateCheck(
      'GRP-03',
      withEvents(
        event('group_update', {
          resource: { id: 'g1', type: 'user_group' },
          changes: [
            { field: 'attributes.sudo.enabled', from: false, to: true },
          ],
        }),
      ),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      '1 privileged change(s) to review: group_update',
    );
    expect(result.evidence.changes).toEqual([
      {
        id: 'e-group_update',
        type: 'group_update',
        at: daysAgo(4),
        by: 'root@example.com',
        resource: 'g1',
        fields: ['attributes.sudo.enabled'],
      },
    ]);
  });

  it('passes everyday group housekeeping: create, rename, delete', () => {
    const result = evaluateCheck(
      'GRP-03',
      withEvents(
        event('group_create', { resource: { id: 'g7', type: 'user_group' } }),
        event('group_update', {
          resource: { id: 'g7', type: 'user_group' },
          changes: [{ field: 'description', from: '', to: 'Team Berlin' }],
        }),
        event('group_delete', { resource: { id: 'g7', type: 'user_group' } }),
        event('association_change'),
      ),
    );
    expect(result.status).toBe('pass');
  });

  it('fails on sudo granted to a user, whether `changes` is an array or one object', () => {
    const asObject = evaluateCheck(
      'GRP-03',
      withEvents(
        event('user_update', {
          resource: { id: 'u1', type: 'user' },
          changes: { field: 'passwordless_sudo', from: false, to: true },
        }),
      ),
    );
    expect(asObject.status).toBe('fail');
    const granted = evaluateCheck(
      'GRP-03',
      withEvents(event('user_admin_granted'), event('user_group_admin_grant')),
    );
    expect(granted.status).toBe('fail');
    expect(granted.message).toContain(
      'user_admin_granted, user_group_admin_grant',
    );
  });

  it('passes a window of everyday events, saying how many days were read', () => {
    const result = evaluateCheck('GRP-03');
    expect(result).toMatchObject({
      status: 'pass',
      message: 'No privileged changes in 120 days of events',
    });
  });

  it('is unknown when no Directory Insights event is held', () => {
    const result = evaluateCheck('GRP-03', s => {
      s.directoryEvents = [];
    });
    expect(result).toMatchObject({
      status: 'unknown',
      message: 'No Directory Insights events were collected',
    });
  });

  it('ignores event types JumpCloud does not emit', () => {
    const result = evaluateCheck(
      'GRP-03',
      withEvents(event('user_group_update'), event('user_update_sudo')),
    );
    expect(result.status).toBe('pass');
  });
});
