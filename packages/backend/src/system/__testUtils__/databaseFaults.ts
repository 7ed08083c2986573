import type { Knex } from 'knex';

interface ArmedFault {
  matches: (sql: string) => boolean;
  remaining: number;
  hits: string[];
}

/**
 * Makes a real knex fail chosen statements the way an unreachable database
 * does (ECONNREFUSED from the driver), by wrapping the client's query call:
 * transactions opened afterwards inherit it, so they roll back for real.
 */
export class DatabaseFaults {
  #armed: ArmedFault | undefined;

  constructor(knex: Knex) {
    const client = knex.client as {
      query: (connection: unknown, query: { sql?: string }) => Promise<unknown>;
    };
    const original = client.query;
    const armedFault = () => this.#armed;
    client.query = function faultyQuery(connection, query) {
      const sql = typeof query === 'string' ? query : query?.sql ?? '';
      const armed = armedFault();
      if (armed && armed.remaining > 0 && armed.matches(sql)) {
        armed.remaining -= 1;
        armed.hits.push(sql);
        return Promise.reject(
          Object.assign(
            new Error('connect ECONNREFUSED 127.0.0.1:5432 (injected)'),
            { code: 'ECONNREFUSED' },
          ),
        );
      }
      return original.call(this, connection, query);
    };
  }

  /** Fails the next `times` statements matching `pattern` (case-insensitive). */
  failNext(pattern: RegExp, times = 1): { hits: string[] } {
    const armed: ArmedFault = {
      matches: sql => pattern.test(sql),
      remaining: times,
      hits: [],
    };
    this.#armed = armed;
    return armed;
  }

  clear() {
    this.#armed = undefined;
  }
}
