import {
  ANNOTATION_JUMPCLOUD_CONNECTION,
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
  findEntityConnection,
  isJumpCloudAnnotated,
  readJumpCloudAnnotations,
} from './annotations';

describe('isJumpCloudAnnotated', () => {
  it('recognises devices and users by their JumpCloud id annotation', () => {
    expect(
      isJumpCloudAnnotated({
        metadata: { annotations: { [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: 'abc' } },
      }),
    ).toBe(true);
    expect(
      isJumpCloudAnnotated({
        metadata: { annotations: { [ANNOTATION_JUMPCLOUD_USER_ID]: 'u1' } },
      }),
    ).toBe(true);
  });

  it('rejects entities without JumpCloud annotations', () => {
    expect(isJumpCloudAnnotated({ metadata: {} })).toBe(false);
    expect(
      isJumpCloudAnnotated({
        metadata: { annotations: { [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: '' } },
      }),
    ).toBe(false);
  });
});

describe('readJumpCloudAnnotations', () => {
  it('reads a device with its connection', () => {
    expect(
      readJumpCloudAnnotations({
        metadata: {
          annotations: {
            [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: 'sys-1',
            [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: 'c1',
            [ANNOTATION_JUMPCLOUD_CONNECTION]: 'acme',
          },
        },
      }),
    ).toEqual({
      kind: 'device',
      jumpcloudId: 'sys-1',
      connectionId: 'c1',
      connectionName: 'acme',
    });
  });

  it('reads a user, and nothing from other entities', () => {
    expect(
      readJumpCloudAnnotations({
        metadata: { annotations: { [ANNOTATION_JUMPCLOUD_USER_ID]: 'u1' } },
      }),
    ).toMatchObject({ kind: 'user', jumpcloudId: 'u1' });
    expect(readJumpCloudAnnotations({ metadata: {} })).toBeUndefined();
  });
});

describe('findEntityConnection', () => {
  const connections = [
    { id: 'c1', name: 'acme' },
    { id: 'c2', name: 'globex' },
  ];

  it('finds by id first, then by name', () => {
    expect(
      findEntityConnection(
        { connectionId: 'c2', connectionName: 'acme' },
        connections,
      ),
    ).toEqual(connections[1]);
    expect(
      findEntityConnection({ connectionName: 'acme' }, connections),
    ).toEqual(connections[0]);
    expect(
      findEntityConnection({ connectionId: 'gone' }, connections),
    ).toBeUndefined();
  });

  it('takes the only connection when the entity names none, never one of several', () => {
    expect(findEntityConnection({}, [connections[0]])).toEqual(connections[0]);
    expect(findEntityConnection({}, connections)).toBeUndefined();
  });
});
