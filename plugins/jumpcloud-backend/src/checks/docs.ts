import {
  FRAMEWORK_LABELS,
  FRAMEWORKS,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { CHECK_FIELD_DOCS } from './fieldDocs';
import { builtInChecks } from './registry';
import { checksConfigSchema, defaultCheckThresholds } from './thresholds';

/** Checks that can only be unknown with the data a sync collects (see their description). */
export const UNKNOWN_ONLY_CHECKS = ['USR-03'];

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const FAMILIES = [
  ['device', 'Device checks (entity: device)'],
  ['user', 'User and admin checks (entity: user; admins are a user subtype)'],
  ['group', 'Group checks'],
  ['org', 'Organisation checks (entity: org)'],
] as const;

/** Title, how many checks can pass or fail, what the results and frameworks mean. */
function introduction(): string[] {
  const countable = builtInChecks.filter(
    c => !UNKNOWN_ONLY_CHECKS.includes(c.id),
  ).length;
  return [
    '# JumpCloud checks',
    '',
    '<!-- Generated from src/checks by `node -r @backstage/cli/config/nodeTransform.cjs plugins/jumpcloud-backend/scripts/generateChecksDoc.ts`; do not edit by hand. -->',
    '',
    `${builtInChecks.length} built-in checks; ${countable} can pass or fail with the data a sync collects, ` +
      `${UNKNOWN_ONLY_CHECKS.join(
        ', ',
      )} can only be unknown until an HR source is added (custom check).`,
    '',
    'Results: **pass**, **fail**, **unknown** (data missing or stale: System Insights off or deferred, no rows, ' +
      'a device offline past `staleDays`; never counted as fail), **not_applicable** (e.g. the OS), and ' +
      '**excepted** (a failing result covered by an active exception). The posture score is the severity-weighted ' +
      'share of pass among pass + fail (weights: critical 10, high 5, medium 3, low 1, info 0.5).',
    '',
    `Frameworks: ${FRAMEWORKS.map(f => `${f} = ${FRAMEWORK_LABELS[f]}`).join(
      '; ',
    )}. "~" marks the closest match.`,
    '',
  ];
}

/** One table per family: id, title, severity, description, remediation, fields, frameworks. */
function familyTables(lines: string[]): void {
  for (const [family, title] of FAMILIES) {
    lines.push(`## ${title}`, '');
    lines.push(
      '| ID | Title | Severity | What it checks | Remediation | JumpCloud fields | SOC 2 | ISO 27001 | CIS v8 | NIST 800-53 |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const c of builtInChecks.filter(check => check.family === family)) {
      lines.push(
        `| ${c.id} | ${cell(c.title)} | ${c.severity} | ${cell(
          c.description,
        )} | ${cell(c.remediation)} | ${c.fields
          .map(f => `\`${f}\``)
          .join(', ')} | ${c.frameworks.soc2.join(
          ', ',
        )} | ${c.frameworks.iso27001.join(', ')} | ${c.frameworks.cis.join(
          ', ',
        )} | ${c.frameworks.nist.join(', ')} |`,
      );
    }
    lines.push('');
  }
}

/** Per check, what each field it reads means and what missing data gives. */
function fieldMeanings(lines: string[]): void {
  lines.push(
    '## Fields each check reads',
    '',
    'The exact JumpCloud fields behind every check, what they mean in JumpCloud (its OpenAPI documents) or in osquery ' +
      '(System Insights tables follow osquery’s table definitions), and what an organisation without that data gets.',
    '',
  );
  for (const c of builtInChecks) {
    const docs = CHECK_FIELD_DOCS[c.id];
    lines.push(`### ${c.id} ${c.title}`, '');
    lines.push('| Field | Meaning |', '| --- | --- |');
    for (const field of c.fields)
      lines.push(`| \`${field}\` | ${cell(docs?.fields[field] ?? '')} |`);
    lines.push('', `Without the data: ${docs?.withoutData ?? ''}`, '');
  }
}

/** The `jumpcloud.checks` keys, their defaults and descriptions, from the config schema. */
function configurationTable(lines: string[]): void {
  lines.push('## Configuration: `jumpcloud.checks`', '');
  lines.push('| Key | Default | Meaning |', '| --- | --- | --- |');
  for (const [key, schema] of Object.entries(checksConfigSchema.shape)) {
    const value = (defaultCheckThresholds as Record<string, unknown>)[key];
    lines.push(
      `| \`${key}\` | \`${cell(JSON.stringify(value))}\` | ${cell(
        schema.description ?? '',
      )} |`,
    );
  }
}

/** How a backend module adds its own checks. */
function customChecks(lines: string[]): void {
  lines.push(
    '',
    '## Custom checks',
    '',
    'Backend modules add checks through `jumpcloudChecksExtensionPoint` from `@backstage-jumpcloud/plugin-jumpcloud-node`:',
    '',
    '```ts',
    "import { createBackendModule } from '@backstage/backend-plugin-api';",
    "import { jumpcloudChecksExtensionPoint } from '@backstage-jumpcloud/plugin-jumpcloud-node';",
    '',
    'export default createBackendModule({',
    "  pluginId: 'jumpcloud',",
    "  moduleId: 'acme-checks',",
    '  register(env) {',
    '    env.registerInit({',
    '      deps: { checks: jumpcloudChecksExtensionPoint },',
    '      async init({ checks }) {',
    '        checks.addChecks({',
    "          id: 'ACME-01',",
    "          title: 'Devices carry an asset tag',",
    "          family: 'device',",
    "          entityKind: 'device',",
    "          severity: 'low',",
    "          description: '…',",
    "          remediation: '…',",
    "          fields: ['systems.description'],",
    '          frameworks: {',
    "            soc2: ['CC6.1'],",
    "            iso27001: ['A.5.9'],",
    "            cis: ['1.1'],",
    "            nist: ['CM-8'],",
    '          },',
    '          *evaluate({ snapshot }) {',
    '            for (const s of snapshot.systems) {',
    '              yield {',
    '                entityId: s._id,',
    '                entityName: s.hostname ?? s._id,',
    "                status: s.description ? 'pass' : 'fail',",
    "                message: '…',",
    '              };',
    '            }',
    '          },',
    '        });',
    '      },',
    '    });',
    '  },',
    '});',
    '```',
    '',
    'A custom check must return `unknown`, never `fail`, when its data is missing. A check that throws yields no ' +
      'results for that run and its findings are left untouched (never resolved).',
    '',
  );
}

/** docs/checks.md, generated from the catalogue so it cannot drift. */
export function renderChecksMarkdown(): string {
  const lines = introduction();
  familyTables(lines);
  fieldMeanings(lines);
  configurationTable(lines);
  customChecks(lines);
  return lines.join('\n');
}
