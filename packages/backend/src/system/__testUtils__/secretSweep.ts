import type { Knex } from 'knex';

/**
 * Collects everything a caller or operator can see (responses, log lines,
 * database rows) and reports where any of the given secrets shows up.
 */
export class SecretSweep {
  readonly #found: string[] = [];
  #checked = 0;

  constructor(private readonly secrets: string[]) {}

  #scan(where: string, text: string) {
    this.#checked += 1;
    for (const secret of this.secrets) {
      if (text.includes(secret)) {
        this.#found.push(`${where} contains ${secret.slice(0, 6)}…`);
      }
    }
  }

  response(
    label: string,
    res: { status: number; text?: string; headers?: object },
  ) {
    this.#scan(
      `response ${label}`,
      `${JSON.stringify(res.headers ?? {})}\n${res.text ?? ''}`,
    );
  }

  logs(lines: string[]) {
    lines.forEach((line, i) => this.#scan(`log line ${i}`, line));
  }

  /** Every row of every table of a plugin database, as text. */
  async database(knex: Knex) {
    const tables: string[] =
      knex.client.config.client === 'pg'
        ? (
            await knex('pg_tables')
              .where({ schemaname: knex.raw('current_schema()') })
              .select('tablename')
          ).map((r: { tablename: string }) => r.tablename)
        : (
            await knex('sqlite_master').where({ type: 'table' }).select('name')
          ).map((r: { name: string }) => r.name);
    for (const table of tables) {
      const rows = await knex(table).select();
      this.#scan(
        `table ${table}`,
        JSON.stringify(rows, (_k, v) =>
          Buffer.isBuffer(v) ? v.toString('latin1') : v,
        ),
      );
    }
    return tables.length;
  }

  /** How many texts were scanned (to prove the sweep saw something). */
  get checked() {
    return this.#checked;
  }

  leaks(): string[] {
    return [...this.#found];
  }
}
