export * as fixtures from './fixtures';
export { createFakeJumpCloudApi } from './fakeJumpCloudApi';
export type { FakeJumpCloudApi } from './fakeJumpCloudApi';
export { renderWithApis } from './renderWithApis';
export { FakeSignalApi } from './fakeSignalApi';
