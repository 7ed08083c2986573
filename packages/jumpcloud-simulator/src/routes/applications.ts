import { Router, type Request } from 'express';
import {
  applicationUserGroups,
  applicationUsers,
} from '../data/applicationGraph';
import { appleMdmDevices } from '../data/appleMdmDevices';
import type { OrgIndex } from '../data/orgIndex';
import { notFound, requireObjectId } from '../http/errors';
import { resolveOrg } from '../http/pipeline';
import { sendV2Page } from '../http/respond';
import { parseV2Filter } from '../http/v2Filter';
import type { SimulatorState } from '../state';
import type { JsonObject } from '../types';

/** Sort and filter fields `/applemdms/{id}/devices` documents. */
const MDM_DEVICE_FIELDS = [
  'createdAt',
  'depRegistered',
  'enrolled',
  'id',
  'osVersion',
  'serialNumber',
  'udid',
];

/**
 * Routes real clients read (jumpcloud-api.md §10, [J1]):
 * GET /api/v2/applications/{id}/users and /usergroups (graph traversals:
 * limit, skip, filter; no sort or fields) and
 * GET /api/v2/applemdms/{id}/devices (limit, skip, filter, sort).
 */
export function applicationsRouter(state: SimulatorState): Router {
  const router = Router();
  const applicationOf = (req: Request, org: OrgIndex) => {
    const id = requireObjectId(req.params.id);
    if (!org.data.applications.some(a => a._id === id))
      throw notFound('application not found');
    return id;
  };
  const traversal = (
    path: string,
    run: (org: OrgIndex, appId: string) => unknown[],
  ) =>
    router.get(path, (req, res) => {
      const org = resolveOrg(state, req, res);
      const appId = applicationOf(req, org);
      sendV2Page(req, res, run(org, appId) as JsonObject[], {
        filter: parseV2Filter(req.query.filter, {
          fields: ['object_id', 'type'],
          aliases: { object_id: 'id' },
        }),
        noFields: true,
        sortFields: false,
      });
    });
  traversal('/applications/:id/users', applicationUsers);
  traversal('/applications/:id/usergroups', applicationUserGroups);

  router.get('/applemdms/:id/devices', (req, res) => {
    const org = resolveOrg(state, req, res);
    const id = requireObjectId(req.params.id);
    const server = org.data.appleMdms.find(m => m.id === id);
    if (!server) throw notFound('apple mdm not found');
    sendV2Page(
      req,
      res,
      appleMdmDevices(
        state.seed,
        org.data.id,
        server,
        org.data.systems,
        state.nowMs,
      ),
      {
        filter: parseV2Filter(req.query.filter, { fields: MDM_DEVICE_FIELDS }),
        noFields: true,
        sortFields: MDM_DEVICE_FIELDS,
      },
    );
  });
  return router;
}
