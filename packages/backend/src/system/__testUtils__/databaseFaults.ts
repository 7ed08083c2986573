import type { Knex } from 'knex';

interface ArmedFault {
  pattern: RegExp;
  remaining: number;
  hits: string[];
}

type QueryFn = (connection: unknown, query: unknown) => Promise<unknown>;

/**
 * Makes a real knex fail chosen statements the way an unreachable database
 * does (ECONNREFUSED from the driver). Transaction clients are created from
 * the dialect's prototype, not the knex instance, so the hook sits on the
 * prototype and only acts for clients sharing this knex's config.
 */
export class DatabaseFaults {
  #armed: ArmedFault | undefined;
  readonly #restore: () => void;

  constructor(knex: Knex) {
    const config = knex.client.config;
    const proto = Object.getPrototypeOf(knex.client) as { query: QueryFn };
    const original = proto.query;
    const armedFault = () => this.#armed;
    proto.query = function faultyQuery(
      this: { config: unknown },
      connection,
      query,
    ) {
      const armed = this.config === config ? armedFault() : undefined;
      const sql =
        typeof query === 'string'
          ? query
          : (query as { sql?: string } | undefined)?.sql ?? '';
      if (armed && armed.remaining > 0 && armed.pattern.test(sql)) {
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
    this.#restore = () => {
      proto.query = original;
    };
  }

  /** Fails the next `times` statements matching `pattern`. */
  failNext(pattern: RegExp, times = 1): { hits: string[] } {
    const armed: ArmedFault = { pattern, remaining: times, hits: [] };
    this.#armed = armed;
    return armed;
  }

  clear() {
    this.#armed = undefined;
  }

  /** Removes the hook from the dialect's prototype. */
  dispose() {
    this.#armed = undefined;
    this.#restore();
  }
}
