import {
  jumpcloudReadPermission,
  type EvidenceVerification,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  actorOf,
  audited,
  requirePermission,
  type AccessDeps,
} from '../http/access';
import { fieldError, idSchema, parseInput } from '../http/validation';
import type { HistoryStore } from '../runs/HistoryStore';
import type { EvidenceStore } from './EvidenceStore';
import { readBundle, writeCsvZip } from './exportBundle';
import { verificationHistoryEntry } from './verificationHistory';

/**
 * An ISO 8601 date-time, or a date meaning the end of that day (UTC): the
 * runs in force then. Normalised to the stored format (compared as text).
 */
const asOfSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const parsed = DateTime.fromISO(value, { zone: 'utc' });
    if (!parsed.isValid) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an ISO 8601 date or date-time',
      });
      return z.NEVER;
    }
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    return (dateOnly ? parsed.endOf('day') : parsed).toUTC().toISO()!;
  });

const listQuery = z
  .object({
    connectionId: idSchema.optional(),
    asOf: asOfSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
const exportQuery = z
  .object({ format: z.enum(['json', 'csv']).default('json') })
  .strict();
const verifyQuery = z.object({ connectionId: idSchema.optional() }).strict();

export interface EvidenceRoutesDeps extends AccessDeps {
  evidence: EvidenceStore;
  /** Where each verification is kept: who verified, when, and the verdict. */
  history: Pick<HistoryStore, 'insert'>;
  /** Defaults to the system clock (UTC). */
  now?: () => DateTime;
}

/** GET /evidence, GET /evidence/:runId/export, POST /evidence/verify */
export function createEvidenceRoutes(deps: EvidenceRoutesDeps) {
  const { evidence } = deps;
  const router = Router();

  router.get('/evidence', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    res.json(await evidence.list(parseInput(listQuery, req.query, 'query')));
  });

  router.get('/evidence/:runId/export', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const runId = idSchema.safeParse(req.params.runId);
    if (!runId.success) throw fieldError('runId', 'is not a valid id');
    const { format } = parseInput(exportQuery, req.query, 'query');
    const manifest = await evidence.get(runId.data);
    if (!manifest) throw new NotFoundError(`No sealed run ${runId.data}`);
    const pruned = await evidence.pruned(runId.data);
    if (pruned) {
      // 410 Gone: the run existed and was deliberately removed (not a bad id).
      res.status(410).json({
        error: {
          name: 'GoneError',
          message: `Run ${runId.data} was pruned on ${pruned.prunedAt} by the ${pruned.prunedReason}: its populations are no longer stored and cannot be exported. Its manifest, hash and link to the previous run remain and still verify.`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 410 },
      });
      return;
    }
    // Exports leave the system with personal data: who took which run is audited.
    await audited(
      deps,
      req,
      'jumpcloud-evidence-export',
      { runId: runId.data, format, connectionId: manifest.connectionId },
      async () => {
        const name = `jumpcloud-evidence-${manifest.connectionName.replace(
          /[^A-Za-z0-9_.-]/g,
          '_',
        )}-${manifest.finishedAt.slice(0, 10)}-${manifest.runId}`;
        if (format === 'json') {
          res.setHeader(
            'content-disposition',
            `attachment; filename="${name}.json"`,
          );
          res.json(await readBundle(evidence, manifest));
          return;
        }
        res.setHeader('content-type', 'application/zip');
        res.setHeader(
          'content-disposition',
          `attachment; filename="${name}.zip"`,
        );
        await writeCsvZip(evidence, manifest, res);
      },
    );
  });

  router.post('/evidence/verify', async (req, res) => {
    const credentials = await requirePermission(
      deps,
      req,
      jumpcloudReadPermission,
    );
    const { connectionId } = parseInput(verifyQuery, req.query, 'query');
    const now = deps.now ?? (() => DateTime.utc());
    const startedAt = now();
    const result = await evidence.verify(connectionId);
    const verification: EvidenceVerification = {
      ...result,
      verifiedBy: actorOf(credentials),
      verifiedAt: now().toUTC().toISO()!,
    };
    await deps.history.insert(
      verificationHistoryEntry(verification, connectionId, startedAt),
    );
    res.json(verification);
  });

  return router;
}
