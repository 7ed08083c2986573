import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

export interface AccessDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

/** Authenticates (401) and authorises (403) a request for one permission. */
export async function requirePermission(
  deps: AccessDeps,
  req: Request,
  permission: BasicPermission,
): Promise<BackstageCredentials> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  await authorize(deps, credentials, permission);
  return credentials;
}

/**
 * Authorises known credentials for one permission (403): the check every
 * route makes, shared with the actions, which get credentials, not a request.
 */
export async function authorize(
  deps: Pick<AccessDeps, 'permissions'>,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<void> {
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/** Who did it, for History: a user entity ref or a service subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type;
}

/**
 * Runs a mutating handler inside an auditor event (success or failure).
 * The meta must never contain secrets.
 */
export function audited<T>(
  deps: AccessDeps,
  req: Request,
  eventId: string,
  meta: JsonObject,
  handler: () => Promise<T>,
): Promise<T> {
  return inEvent(deps, { eventId, request: req, meta }, handler);
}

/**
 * `audited` for a call without an HTTP request (an action): the auditor
 * cannot read the actor from a request, so the meta names it.
 */
export function auditedAs<T>(
  deps: Pick<AccessDeps, 'auditor'>,
  credentials: BackstageCredentials,
  eventId: string,
  meta: JsonObject,
  handler: () => Promise<T>,
): Promise<T> {
  const withActor = { ...meta, actor: actorOf(credentials) };
  return inEvent(deps, { eventId, meta: withActor }, handler);
}

async function inEvent<T>(
  deps: Pick<AccessDeps, 'auditor'>,
  options: Omit<AuditorServiceCreateEventOptions, 'severityLevel'>,
  handler: () => Promise<T>,
): Promise<T> {
  const event = await deps.auditor.createEvent({
    ...options,
    severityLevel: 'medium',
  });
  try {
    const result = await handler();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
