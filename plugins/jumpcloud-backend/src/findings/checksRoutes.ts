import {
  CHECK_OVERALL_STATUS_LABELS,
  FRAMEWORK_LABELS,
  FRAMEWORKS,
  frameworkControls,
  jumpcloudReadPermission,
  overallStatusOf,
  totalCounts,
  type CheckSummary,
  type ChecksSummary,
  type Framework,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { stringify } from 'csv-stringify';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { CheckCatalogue } from '../checks/CheckCatalogue';
import { isBuiltIn } from '../checks/registry';
import { thresholdsInEffect } from '../checks/thresholdsInEffect';
import { csvSafe } from '../evidence/csvSafe';
import { requirePermission, type AccessDeps } from '../http/access';
import { idSchema, parseInput } from '../http/validation';
import type { CheckStatusCounts } from './CheckStatusCounts';
import { toIsoUtc, type Clock } from './time';

const summaryQuery = z.object({ connectionId: idSchema.optional() }).strict();

const exportQuery = z
  .object({
    framework: z.enum(FRAMEWORKS as [Framework, ...Framework[]]).optional(),
    control: z
      .string()
      .regex(/^[^\p{Cc},]{1,40}$/u, 'must be a control id such as CC6.1')
      .optional(),
    connectionId: idSchema.optional(),
  })
  .strict()
  .refine(q => !q.control || q.framework, {
    message: 'needs a framework',
    path: ['control'],
  });

const CSV_COLUMNS = [
  'framework',
  'control',
  'checkId',
  'checkTitle',
  'severity',
  'family',
  'status',
  'passing',
  'failing',
  'unknown',
  'notApplicable',
  'riskAccepted',
  'mostCommonUnknownReason',
  'connections',
  'evaluatedAt',
];

/** GET /checks/summary and GET /frameworks/export.csv */
export function createChecksRoutes(
  deps: AccessDeps & {
    catalogue: Pick<CheckCatalogue, 'checks' | 'thresholds' | 'describe'>;
    checkStatus: Pick<CheckStatusCounts, 'read'>;
    clock: Clock;
  },
) {
  const { catalogue, checkStatus } = deps;
  const router = Router();

  const summarise = async (connectionId?: string): Promise<ChecksSummary> => {
    const stored = await checkStatus.read(connectionId);
    const described = new Map(catalogue.describe().map(c => [c.id, c]));
    const checks = catalogue.checks.map(
      (check): CheckSummary => ({
        ...described.get(check.id)!,
        family: check.family,
        builtIn: isBuiltIn(check),
        thresholds: isBuiltIn(check)
          ? thresholdsInEffect(check, catalogue.thresholds)
          : {},
        connections: stored.byCheck.get(check.id) ?? [],
      }),
    );
    return { connections: stored.connections, checks };
  };

  router.get('/checks/summary', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId } = parseInput(summaryQuery, req.query, 'query');
    res.json(await summarise(connectionId));
  });

  router.get('/frameworks/export.csv', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const query = parseInput(exportQuery, req.query, 'query');
    const summary = await summarise(query.connectionId);
    const byId = new Map(summary.checks.map(c => [c.id, c]));
    const names = new Map(
      summary.connections.map(c => [c.connectionId, c.connectionName]),
    );
    const evaluatedAt =
      summary.connections
        .map(c => c.evaluatedAt)
        .sort()
        .pop() ?? '';
    const frameworks = query.framework ? [query.framework] : FRAMEWORKS;
    const name = query.control
      ? `${query.framework}-${query.control.replace(/[^A-Za-z0-9.-]/g, '_')}`
      : query.framework ?? 'all';
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="jumpcloud-frameworks-${name}-${toIsoUtc(
        deps.clock(),
      ).slice(0, 10)}.csv"`,
    );
    const csv = stringify({
      header: true,
      columns: CSV_COLUMNS,
      cast: { string: csvSafe },
    });
    csv.pipe(res);
    for (const framework of frameworks) {
      const controls = frameworkControls(summary.checks, framework).filter(
        c =>
          !query.control ||
          c.control.toLowerCase() === query.control.toLowerCase(),
      );
      for (const { control, checkIds } of controls) {
        for (const checkId of checkIds) {
          const check = byId.get(checkId)!;
          const total = totalCounts(check.connections);
          const reasons = check.connections
            .map(c => c.topUnknownReason)
            .filter(r => r !== null)
            .sort((a, b) => b.count - a.count);
          csv.write({
            framework: FRAMEWORK_LABELS[framework],
            control,
            checkId,
            checkTitle: check.title,
            severity: check.severity,
            family: check.family,
            status: CHECK_OVERALL_STATUS_LABELS[overallStatusOf(check)],
            passing: total.pass,
            failing: total.fail,
            unknown: total.unknown,
            notApplicable: total.notApplicable,
            riskAccepted: total.excepted,
            mostCommonUnknownReason: reasons[0]?.message ?? '',
            connections: check.connections
              .map(c => names.get(c.connectionId) ?? c.connectionId)
              .join('; '),
            evaluatedAt,
          });
        }
      }
    }
    csv.end();
  });

  return router;
}
