import { Router, type Request } from 'express';
import type { GraphNodeType } from '../data/model';
import type { OrgIndex } from '../data/orgIndex';
import {
  badRequest,
  forbidden,
  notFound,
  requireObjectId,
} from '../http/errors';
import { keyOf, resolveOrg } from '../http/pipeline';
import { sendV2PageWithDangling } from '../http/respond';
import type { SimulatorState } from '../state';
import type { JsonObject } from '../types';

/** What users and user groups may be associated with (the same trait enum). */
const USER_SIDE_TARGETS = [
  'active_directory',
  'application',
  'g_suite',
  'idp_routing_policy',
  'ldap_server',
  'office_365',
  'password_manager_item',
  'policy',
  'policy_group',
  'radius_server',
  'system',
  'system_group',
];

/** Allowed `targets` per object kind (JumpCloud's v2 trait enums, trimmed to what exists here). */
const TARGETS: Record<string, { type: GraphNodeType; targets: string[] }> = {
  users: {
    type: 'user',
    targets: USER_SIDE_TARGETS,
  },
  usergroups: {
    type: 'user_group',
    targets: USER_SIDE_TARGETS,
  },
  systems: {
    type: 'system',
    targets: ['command', 'policy', 'policy_group', 'user', 'user_group'],
  },
  systemgroups: {
    type: 'system_group',
    targets: [
      'command',
      'policy',
      'policy_group',
      'radius_server',
      'user',
      'user_group',
    ],
  },
  policies: {
    type: 'policy',
    targets: ['system', 'system_group', 'user', 'user_group'],
  },
  applications: {
    type: 'application',
    targets: ['agent_group', 'user', 'user_group'],
  },
};

function parseTargets(req: Request, allowed: string[]): string[] {
  const raw = req.query.targets;
  const values = (Array.isArray(raw) ? raw : [raw])
    .filter((v): v is string => typeof v === 'string')
    .flatMap(v => v.split(','));
  const targets = values.map(v => v.trim()).filter(Boolean);
  if (targets.length === 0)
    throw badRequest('request parameter "targets" is required');
  const invalid = targets.filter(t => !allowed.includes(t));
  if (invalid.length > 0)
    throw badRequest(
      `invalid targets ${JSON.stringify(invalid)}; valid values: ${allowed.join(
        ', ',
      )}`,
    );
  return targets;
}

function exists(org: OrgIndex, type: GraphNodeType, id: string): boolean {
  if (type === 'application')
    return org.data.applications.some(a => a._id === id);
  return org.exists({ type, id });
}

/**
 * GET /api/v2/{users,usergroups,systems,systemgroups,policies,applications}/{id}/associations?targets=…
 * Direct associations as GraphConnections; dangling records count in
 * x-total-count but are dropped from the page, like members.
 */
export function associationsRouter(state: SimulatorState): Router {
  const router = Router();
  router.get('/:kind/:id/associations', (req, res, next) => {
    const spec = TARGETS[req.params.kind];
    if (!spec) return next();
    const id = requireObjectId(req.params.id);
    const targets = parseTargets(req, spec.targets);
    // Read-only admins get 403 on command associations (TheJumpCloud/support#377, #382).
    if (targets.includes('command') && keyOf(res).role === 'Read Only') {
      throw forbidden('you do not have permission to access this resource');
    }
    const org = resolveOrg(state, req, res);
    if (!exists(org, spec.type, id)) throw notFound(`${spec.type} not found`);
    const raw: JsonObject[] = (org.associations.get(id) ?? [])
      .filter(n => targets.includes(n.node.type))
      .map(n => ({
        attributes: n.attributes,
        to: { attributes: null, id: n.node.id, type: n.node.type },
      }));
    sendV2PageWithDangling(req, res, raw, item => {
      const to = item.to as { id: string; type: GraphNodeType };
      return exists(org, to.type, to.id);
    });
    return undefined;
  });
  return router;
}
