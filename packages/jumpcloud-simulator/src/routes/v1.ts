import { Router, type Request, type Response } from 'express';
import type { OrgIndex } from '../data/orgIndex';
import { notFound, requireObjectId } from '../http/errors';
import { keyOf, refuseOrgHeader, resolveOrg } from '../http/pipeline';
import { sendJson, sendV1Page } from '../http/respond';
import {
  parseSearchFilter,
  parseSearchTerm,
  parseV1Filter,
  type Predicate,
} from '../http/v1Filter';
import type { SimulatorState } from '../state';
import type { JsonObject } from '../types';

const consistent = (req: Request) =>
  String(req.headers['x-eventually-consistent'] ?? '').toLowerCase() === 'true';

function combine(...predicates: Array<Predicate | null>): Predicate | null {
  const list = predicates.filter((p): p is Predicate => p !== null);
  if (list.length === 0) return null;
  return item => list.every(p => p(item));
}

/** One v1 collection: list (GET with filter), get by id, optional POST search. */
function collection(
  router: Router,
  state: SimulatorState,
  path: string,
  items: (org: OrgIndex) => JsonObject[],
  byId: (org: OrgIndex, id: string) => JsonObject | undefined,
  searchPath?: string,
  /** Runs after a page that the client will follow with another (churn). */
  afterPage: (org: OrgIndex) => void = () => {},
) {
  router.get(path, (req, res) => {
    const org = resolveOrg(state, req, res);
    const served = sendV1Page(req, res, items(org), {
      filter: parseV1Filter(req.query.filter, consistent(req)),
    });
    if (served.more) afterPage(org);
  });
  router.get(`${path}/:id`, (req, res) => {
    const id = requireObjectId(req.params.id);
    const org = resolveOrg(state, req, res);
    const item = byId(org, id);
    if (!item) throw notFound(`${path.slice(1)} not found`);
    sendJson(res, 200, item);
  });
  if (searchPath) {
    router.post(searchPath, (req, res) => {
      const org = resolveOrg(state, req, res);
      const body = (
        req.body && typeof req.body === 'object' ? req.body : {}
      ) as JsonObject;
      const filter = combine(
        parseV1Filter(req.query.filter, consistent(req)),
        parseSearchFilter(body.filter, consistent(req)),
        parseSearchTerm(body.searchFilter),
      );
      // The search routes take no `sort` (V1 `search` operations).
      const served = sendV1Page(req, res, items(org), {
        filter,
        sortFields: false,
      });
      if (served.more) afterPage(org);
    });
  }
}

export function v1Router(state: SimulatorState): Router {
  const router = Router();

  // Organisation records and admins come without generating an MSP's
  // tenants: listing 150 organisations must not build 150 datasets.
  const orgsOfKey = (res: Response) =>
    keyOf(res)
      .orgIds.map(id => state.organization(id))
      .filter((o): o is JsonObject => !!o);

  // Pages like every v1 list (limit ≤ 100, skip, totalCount): an MSP key
  // reading only the first page sees 100 of its tenants.
  router.get('/organizations', refuseOrgHeader, (req, res) => {
    const summaries = orgsOfKey(res).map(o => ({
      _id: o._id,
      id: o._id,
      displayName: o.displayName,
      logoUrl: o.logoUrl,
    }));
    sendV1Page(req, res, summaries, {
      filter: parseV1Filter(req.query.filter, consistent(req)),
      ignoreCase: String(req.query.sortIgnoreCase ?? '') !== '',
    });
  });
  router.get('/organizations/:id', refuseOrgHeader, (req, res) => {
    const id = requireObjectId(req.params.id);
    const org = keyOf(res).orgIds.includes(id) && state.organization(id);
    if (!org) throw notFound('organization not found');
    sendJson(res, 200, org);
  });

  // Console administrators: undocumented list route used by JumpCloud's own tools.
  const admins = (res: Response) => {
    const seen = new Set<string>();
    return keyOf(res)
      .orgIds.flatMap(id => state.admins(id))
      .filter(a =>
        seen.has(a._id as string) ? false : (seen.add(a._id as string), true),
      );
  };
  router.get('/users', refuseOrgHeader, (req, res) => {
    sendV1Page(req, res, admins(res), {
      filter: parseV1Filter(req.query.filter, consistent(req)),
    });
  });
  router.get('/users/:id', refuseOrgHeader, (req, res) => {
    const id = requireObjectId(req.params.id);
    const admin = admins(res).find(a => a._id === id);
    if (!admin) throw notFound('user not found');
    sendJson(res, 200, admin);
  });

  collection(
    router,
    state,
    '/systems',
    o => o.data.systems,
    (o, id) => o.systemById.get(id),
    '/search/systems',
  );
  collection(
    router,
    state,
    '/systemusers',
    o => o.data.users,
    (o, id) => o.userById.get(id),
    '/search/systemusers',
    o => state.churn.afterUsersPage(o),
  );
  collection(
    router,
    state,
    '/applications',
    o => o.data.applications,
    (o, id) => o.data.applications.find(a => a._id === id),
  );
  return router;
}
