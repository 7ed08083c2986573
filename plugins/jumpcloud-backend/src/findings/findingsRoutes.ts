import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import { stringify } from 'csv-stringify';
import Router from 'express-promise-router';
import { z } from 'zod';
import { requirePermission, type AccessDeps } from '../http/access';
import {
  fieldError,
  idSchema,
  listQuerySchema,
  parseInput,
} from '../http/validation';
import type { CheckCatalogue } from '../checks/CheckCatalogue';
import {
  FINDING_SORTS,
  type FindingQuery,
  type FindingSort,
  type FindingsStore,
} from './FindingsStore';
import { toIsoUtc, type Clock } from './time';
import { multi } from './queryParams';
import { csvSafe } from '../evidence/csvSafe';

const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
const status = z.enum(['open', 'resolved', 'excepted']);
const sorts = Object.keys(FINDING_SORTS) as [FindingSort, ...FindingSort[]];

const filterSchema = listQuerySchema(sorts, 1000)
  .extend({
    severity: multi(severity),
    status: multi(status),
    checkId: multi(idSchema),
    connectionId: idSchema.optional(),
    entityKind: z.enum(['device', 'user', 'group', 'org']).optional(),
    // Several: a notification links an owner to the findings on their assets.
    entityId: multi(z.string().min(1).max(255)),
    framework: z
      .string()
      .regex(
        /^(soc2|iso27001|cis|nist)(:[^\p{Cc}]{1,40})?$/u,
        'must be soc2, iso27001, cis or nist, optionally :control',
      )
      .optional(),
  })
  .strict();

const CSV_COLUMNS = [
  'id',
  'connectionName',
  'checkId',
  'checkTitle',
  'severity',
  'status',
  'entityKind',
  'entityId',
  'entityName',
  'firstSeenAt',
  'lastSeenAt',
  'resolvedAt',
  'reopenedAt',
  'exceptionId',
  'message',
  'soc2',
  'iso27001',
  'cis',
  'nist',
];

/** GET /findings, /findings/export.csv, /findings/:id */
export function createFindingsRoutes(
  deps: AccessDeps & {
    findings: FindingsStore;
    catalogue: Pick<CheckCatalogue, 'describe' | 'idsForFramework'>;
    clock: Clock;
  },
) {
  const { findings, catalogue } = deps;
  const now = () => toIsoUtc(deps.clock());
  const router = Router();

  const parseFilters = (query: unknown): FindingQuery => {
    const { framework, ...rest } = parseInput(filterSchema, query, 'query');
    // Without sort or order, the most severe findings come first.
    const explicitOrder = (query as { order?: unknown }).order !== undefined;
    const order = rest.sort || explicitOrder ? rest.order : 'desc';
    return {
      ...rest,
      order,
      frameworkCheckIds: framework
        ? catalogue.idsForFramework(framework)
        : undefined,
    };
  };

  router.get('/findings', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    res.json(await findings.list(parseFilters(req.query), now()));
  });

  router.get('/findings/export.csv', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const {
      limit: _limit,
      offset: _offset,
      ...filters
    } = parseFilters({
      ...(req.query as object),
      limit: undefined,
      offset: undefined,
    });
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="jumpcloud-findings-${now().slice(0, 10)}.csv"`,
    );
    const csv = stringify({
      header: true,
      columns: CSV_COLUMNS,
      cast: { string: csvSafe },
    });
    csv.pipe(res);
    for await (const f of findings.iterate(filters, now())) {
      const frameworks = Object.fromEntries(
        Object.entries(f.frameworks).map(([k, v]) => [k, v.join(' ')]),
      );
      if (!csv.write({ ...f, ...frameworks }))
        await new Promise(resolve => csv.once('drain', resolve));
    }
    csv.end();
  });

  router.get('/findings/:id', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const parsed = idSchema.safeParse(req.params.id);
    if (!parsed.success) throw fieldError('id', 'is not a valid id');
    const finding = await findings.get(parsed.data, now());
    if (!finding) throw new NotFoundError(`No finding ${parsed.data}`);
    res.json(finding);
  });

  router.get('/checks', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    res.json(catalogue.describe());
  });

  return router;
}
