import type {
  Page,
  RiskException,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

interface ExceptionRow {
  id: string;
  connection_id: string;
  check_id: string;
  entity_id: string | null;
  owner: string;
  reason: string;
  expires_at: string;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

export type NewException = Pick<
  RiskException,
  'connectionId' | 'checkId' | 'entityId' | 'owner' | 'reason' | 'expiresAt'
>;

export interface ExceptionListQuery {
  connectionId?: string;
  checkId?: string;
  entityId?: string;
  /** Include expired and removed exceptions (the audit trail). */
  includeInactive?: boolean;
  limit: number;
  offset: number;
}

function toException(
  row: ExceptionRow,
  now: string,
): RiskException & { deletedAt: string | null; deletedBy: string | null } {
  return {
    id: row.id,
    connectionId: row.connection_id,
    checkId: row.check_id,
    entityId: row.entity_id,
    owner: row.owner,
    reason: row.reason,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    active: !row.deleted_at && row.expires_at > now,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
  };
}

/**
 * Risk exceptions. A finding is excepted while an active exception covers
 * it: the covering exception with the latest expiry is linked on the
 * finding (`exception_id`, `excepted_until`) and compared with "now" at
 * read time, so an exception expires by itself without any job.
 */
export class ExceptionsStore {
  constructor(private readonly knex: Knex) {}

  async create(
    input: NewException,
    createdBy: string,
    now: string,
  ): Promise<RiskException> {
    const row: ExceptionRow = {
      id: randomUUID(),
      connection_id: input.connectionId,
      check_id: input.checkId,
      entity_id: input.entityId,
      owner: input.owner,
      reason: input.reason,
      expires_at: input.expiresAt,
      created_by: createdBy,
      created_at: now,
      deleted_at: null,
      deleted_by: null,
    };
    await this.knex.transaction(async trx => {
      await trx('jc_exceptions').insert(row);
      await this.relink(trx, input.connectionId, input.checkId, now);
    });
    return toException(row, now);
  }

  /** Removes an exception (kept, marked deleted); false when unknown or already removed. */
  async remove(
    id: string,
    by: string,
    now: string,
  ): Promise<RiskException | undefined> {
    // Writes first: on SQLite a transaction that reads before it writes
    // fails at once if a sync worker writes meanwhile.
    return this.knex.transaction(async trx => {
      const marked = await trx('jc_exceptions')
        .where({ id })
        .whereNull('deleted_at')
        .update({ deleted_at: now, deleted_by: by });
      if (!marked) return undefined;
      const row: ExceptionRow = await trx('jc_exceptions')
        .where({ id })
        .first();
      await this.relink(trx, row.connection_id, row.check_id, now);
      return toException(row, now);
    });
  }

  async get(id: string, now: string) {
    const row: ExceptionRow | undefined = await this.knex('jc_exceptions')
      .where({ id })
      .first();
    return row ? toException(row, now) : undefined;
  }

  async list(
    query: ExceptionListQuery,
    now: string,
  ): Promise<Page<RiskException>> {
    const base = this.knex<ExceptionRow>('jc_exceptions');
    if (query.connectionId) base.where('connection_id', query.connectionId);
    if (query.checkId) base.where('check_id', query.checkId);
    if (query.entityId) base.where('entity_id', query.entityId);
    if (!query.includeInactive)
      base.whereNull('deleted_at').where('expires_at', '>', now);
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows: ExceptionRow[] = await base
      .clone()
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }])
      .limit(query.limit)
      .offset(query.offset);
    return {
      items: rows.map(r => toException(r, now)),
      totalCount: Number(count),
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Exceptions of a connection that are not removed and not expired at `now`. */
  async active(connectionId: string, now: string): Promise<RiskException[]> {
    const rows: ExceptionRow[] = await this.knex('jc_exceptions')
      .where('connection_id', connectionId)
      .whereNull('deleted_at')
      .where('expires_at', '>', now);
    return rows.map(r => toException(r, now));
  }

  /** Every exception of a connection, for the evidence population. */
  async all(connectionId: string, now: string, trx: Knex = this.knex) {
    const rows: ExceptionRow[] = await trx('jc_exceptions')
      .where('connection_id', connectionId)
      .orderBy('id');
    return rows.map(r => toException(r, now));
  }

  /**
   * Before a seal: findings whose exception ran out keep the moment they
   * reopened, then every link of the connection is rebuilt.
   */
  async relinkConnection(
    trx: Knex,
    connectionId: string,
    now: string,
  ): Promise<void> {
    await trx('jc_findings')
      .where({ connection_id: connectionId, status: 'open' })
      .whereNotNull('excepted_until')
      .where('excepted_until', '<=', now)
      .update({ reopened_at: trx.ref('excepted_until') });
    await trx('jc_findings')
      .where('connection_id', connectionId)
      .whereNotNull('exception_id')
      .update({ exception_id: null, excepted_until: null });
    const checkIds: Array<{ check_id: string }> = await trx('jc_exceptions')
      .where('connection_id', connectionId)
      .whereNull('deleted_at')
      .where('expires_at', '>', now)
      .distinct('check_id');
    for (const { check_id } of checkIds)
      await this.relink(trx, connectionId, check_id, now);
  }

  /**
   * Re-links the findings of one check to their covering exception. Whole-
   * check exceptions first, then per-entity ones; a later expiry wins.
   */
  async relink(
    trx: Knex,
    connectionId: string,
    checkId: string,
    now: string,
  ): Promise<void> {
    const findings = () =>
      trx('jc_findings').where({
        connection_id: connectionId,
        check_id: checkId,
      });
    await findings().update({ exception_id: null, excepted_until: null });
    const active: ExceptionRow[] = await trx('jc_exceptions')
      .where({ connection_id: connectionId, check_id: checkId })
      .whereNull('deleted_at')
      .where('expires_at', '>', now)
      .orderBy('expires_at', 'asc');
    for (const exception of active.filter(e => e.entity_id === null)) {
      await findings().update({
        exception_id: exception.id,
        excepted_until: exception.expires_at,
      });
    }
    for (const exception of active.filter(e => e.entity_id !== null)) {
      await findings()
        .where('entity_id', exception.entity_id!)
        .where(q =>
          q
            .whereNull('excepted_until')
            .orWhere('excepted_until', '<', exception.expires_at),
        )
        .update({
          exception_id: exception.id,
          excepted_until: exception.expires_at,
        });
    }
  }
}
