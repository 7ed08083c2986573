import {
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
  isJumpCloudAnnotated,
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
