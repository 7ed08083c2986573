import { Router } from 'express';
import {
  SI_FILTER_FIELDS,
  SI_TABLES,
  type SiTable,
} from '../data/systemInsights';
import { notFound } from '../http/errors';
import { resolveOrg } from '../http/pipeline';
import { sendV2Page } from '../http/respond';
import { parseV2Filter } from '../http/v2Filter';
import type { SimulatorState } from '../state';

/**
 * GET /api/v2/systeminsights/{table}: bare arrays, limit up to 10 000, only
 * `eq`/`in` on `system_id` plus one table-specific field, no `fields`.
 */
export function systemInsightsRouter(state: SimulatorState): Router {
  const router = Router();
  router.get('/systeminsights/:table', (req, res) => {
    const table = req.params.table as SiTable;
    if (!(SI_TABLES as readonly string[]).includes(table))
      throw notFound(`unknown System Insights table "${req.params.table}"`);
    const org = resolveOrg(state, req, res);
    const second = SI_FILTER_FIELDS[table];
    const filter = parseV2Filter(req.query.filter, {
      fields: second ? ['system_id', second] : ['system_id'],
      operators: ['eq', 'in'],
    });
    const served = sendV2Page(
      req,
      res,
      state.churn.systemInsightsRows(org, table),
      { maxLimit: 10_000, filter, noFields: true },
    );
    if (served.more) state.churn.afterSystemInsightsPage(org, table);
  });
  return router;
}
