/**
 * What each field a built-in check reads really means (JumpCloud's OpenAPI
 * documents, osquery's table definitions behind System Insights, the
 * Directory Insights event catalogue), and what an organisation without
 * that data gets. docs/checks.md is generated from it; docs.test.ts keeps
 * it in step with every check's `fields`.
 */
import { DEVICE_FIELD_DOCS } from './device';
import { GROUP_FIELD_DOCS } from './group';
import { ORG_FIELD_DOCS } from './org';
import type { CheckFieldDocs } from './types';
import { USER_FIELD_DOCS } from './user';

export type { CheckFieldDocs } from './types';

// One file per check family, like the checks themselves (device/, user/,
// group/, org/): the table is long and each family is read on its own.
export const CHECK_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  ...DEVICE_FIELD_DOCS,
  ...USER_FIELD_DOCS,
  ...GROUP_FIELD_DOCS,
  ...ORG_FIELD_DOCS,
};
