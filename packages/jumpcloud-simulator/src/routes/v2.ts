import { Router, type Request, type Response } from 'express';
import type { GraphEdge } from '../data/model';
import type { OrgIndex } from '../data/orgIndex';
import { notFound, requireObjectId } from '../http/errors';
import { resolveOrg } from '../http/pipeline';
import { sendJson, sendV2Page, sendV2PageWithDangling } from '../http/respond';
import { parseV2Filter } from '../http/v2Filter';
import type { SimulatorState } from '../state';
import type { JsonObject } from '../types';

/** Graph routes filter only on `object_id` and `type`. */
const graphFilter = (req: Request) =>
  parseV2Filter(req.query.filter, {
    fields: ['object_id', 'type'],
    aliases: { object_id: 'id' },
  });

const connection = (edge: GraphEdge): JsonObject => ({
  attributes: edge.attributes,
  to: { attributes: null, id: edge.to.id, type: edge.to.type },
});

export function v2Router(state: SimulatorState): Router {
  const router = Router();
  const org = (req: Request, res: Response) => resolveOrg(state, req, res);

  const groupRoutes = (
    path: string,
    type: 'user_group' | 'system_group',
    list: (o: OrgIndex) => JsonObject[],
    leaf: 'user' | 'system',
  ) => {
    const groupOf = (o: OrgIndex, id: string) => {
      const g = o.groupById.get(requireObjectId(id));
      if (!g || g.type !== type) throw notFound('group not found');
      return g;
    };
    router.get(path, (req, res) => {
      sendV2Page(req, res, list(org(req, res)), {
        filter: parseV2Filter(req.query.filter),
      });
    });
    router.get(`${path}/:id`, (req, res) => {
      sendJson(res, 200, groupOf(org(req, res), req.params.id));
    });
    router.get(`${path}/:id/members`, (req, res) => {
      const o = org(req, res);
      const g = groupOf(o, req.params.id);
      const edges = o.membersOf.get(g.id as string) ?? [];
      sendV2PageWithDangling(req, res, edges.map(connection), item => {
        const to = item.to as GraphEdge['to'];
        return o.exists({ id: to.id, type: to.type });
      });
    });
    router.get(`${path}/:id/membership`, (req, res) => {
      const o = org(req, res);
      const g = groupOf(o, req.params.id);
      sendV2Page(
        req,
        res,
        o.membership(g.id as string, leaf) as unknown as JsonObject[],
        { filter: graphFilter(req), noFields: true },
      );
    });
    router.get(`${path}/:id/memberof`, (req, res) => {
      const o = org(req, res);
      const g = groupOf(o, req.params.id);
      sendV2Page(
        req,
        res,
        o.memberOf(g.id as string) as unknown as JsonObject[],
        { filter: graphFilter(req), noFields: true },
      );
    });
  };
  groupRoutes('/usergroups', 'user_group', o => o.data.userGroups, 'user');
  groupRoutes(
    '/systemgroups',
    'system_group',
    o => o.data.systemGroups,
    'system',
  );

  const userOf = (o: OrgIndex, id: string) => {
    const u = o.userById.get(requireObjectId(id));
    if (!u) throw notFound('user not found');
    return u._id as string;
  };
  const systemOf = (o: OrgIndex, id: string) => {
    const s = o.systemById.get(requireObjectId(id));
    if (!s) throw notFound('system not found');
    return s._id as string;
  };
  // Only the memberof traversals document `sort`; the others ignore it.
  const traversal = (
    path: string,
    sortable: boolean,
    run: (o: OrgIndex, id: string) => unknown[],
  ) =>
    router.get(path, (req, res) => {
      const o = org(req, res);
      sendV2Page(req, res, run(o, req.params.id) as JsonObject[], {
        filter: graphFilter(req),
        noFields: true,
        ...(sortable ? {} : { sortFields: false }),
      });
    });
  traversal('/users/:id/memberof', true, (o, id) => o.memberOf(userOf(o, id)));
  traversal('/users/:id/systems', false, (o, id) =>
    o.userSystems(userOf(o, id)),
  );
  traversal('/systems/:id/users', false, (o, id) =>
    o.systemUsers(systemOf(o, id)),
  );
  traversal('/systems/:id/memberof', true, (o, id) =>
    o.memberOf(systemOf(o, id)),
  );
  traversal('/systems/:id/policies', false, (o, id) =>
    o.systemPolicies(systemOf(o, id)),
  );

  router.get('/systems/:id/policystatuses', (req, res) => {
    const o = org(req, res);
    const id = systemOf(o, req.params.id);
    sendV2Page(req, res, o.resultsBySystem.get(id) ?? [], {
      filter: parseV2Filter(req.query.filter),
    });
  });
  router.get('/systems/:id/fdekey', (req, res) => {
    const o = org(req, res);
    const id = systemOf(o, req.params.id);
    const fde = o.systemById.get(id)!.fde as { keyPresent?: boolean };
    if (!fde?.keyPresent) throw notFound('no recovery key escrowed');
    sendJson(res, 200, { key: `SIMULATED-${id.slice(-6).toUpperCase()}` });
  });

  // The list carries the documented `Policy` fields; `values` and `notes` only come with `/policies/{id}`.
  const policyList = new WeakMap<JsonObject[], JsonObject[]>();
  router.get('/policies', (req, res) => {
    const all = org(req, res).data.policies;
    let listed = policyList.get(all);
    if (!listed) {
      listed = all.map(({ id, name, template }) => ({ id, name, template }));
      policyList.set(all, listed);
    }
    sendV2Page(req, res, listed, {
      filter: parseV2Filter(req.query.filter),
    });
  });
  const policyOf = (o: OrgIndex, id: string) => {
    const p = o.policyById.get(requireObjectId(id));
    if (!p) throw notFound('policy not found');
    return p;
  };
  router.get('/policies/:id', (req, res) => {
    sendJson(res, 200, policyOf(org(req, res), req.params.id));
  });
  router.get('/policies/:id/policystatuses', (req, res) => {
    const o = org(req, res);
    const p = policyOf(o, req.params.id);
    sendV2Page(req, res, o.resultsByPolicy.get(p.id as string) ?? [], {
      filter: parseV2Filter(req.query.filter),
    });
  });

  router.get('/authn/policies', (req, res) => {
    sendV2Page(req, res, org(req, res).data.authnPolicies, {
      filter: parseV2Filter(req.query.filter),
      noFields: true,
    });
  });
  router.get('/authn/policies/:id', (req, res) => {
    const p = org(req, res).data.authnPolicies.find(
      a => a.id === requireObjectId(req.params.id),
    );
    if (!p) throw notFound('authentication policy not found');
    sendJson(res, 200, p);
  });
  router.get('/applemdms', (req, res) => {
    sendV2Page(req, res, org(req, res).data.appleMdms, {
      filter: parseV2Filter(req.query.filter),
      noFields: true,
      sortFields: false,
    });
  });
  return router;
}
