import type { Knex } from 'knex';

/**
 * Makes the database itself refuse chosen work, so the fault reaches every
 * connection to it: the backend's own and a sync worker's. Writes to a
 * table are refused by a trigger raising an error (on PostgreSQL with
 * SQLSTATE 08006, a connection failure); reads of a table fail because the
 * table is moved aside. `clear` undoes whatever was armed.
 */
export class DatabaseFaults {
  #undo: Array<() => Promise<unknown>> = [];

  constructor(private readonly knex: Knex) {}

  get #postgres(): boolean {
    return /pg|postgres/.test(String(this.knex.client.config.client));
  }

  /** Inserts into and updates of `table` fail until cleared. */
  async refuseWrites(table: string): Promise<void> {
    const name = `jc_fault_${table}`;
    if (this.#postgres) {
      await this.knex.raw(`
        create or replace function ${name}() returns trigger as $$
        begin raise exception 'injected fault: % refused', TG_TABLE_NAME
          using errcode = '08006'; end $$ language plpgsql`);
      await this.knex.raw(
        `create trigger ${name} before insert or update on ${table}
         for each statement execute function ${name}()`,
      );
      this.#undo.push(() =>
        this.knex.raw(
          `drop trigger if exists ${name} on ${table}; drop function if exists ${name}()`,
        ),
      );
      return;
    }
    for (const operation of ['insert', 'update']) {
      await this.knex.raw(
        `create trigger ${name}_${operation} before ${operation} on ${table}
         begin select raise(abort, 'injected fault: ${table} refused'); end`,
      );
      this.#undo.push(() =>
        this.knex.raw(`drop trigger if exists ${name}_${operation}`),
      );
    }
  }

  /** Any statement on `table` fails (no such table) until cleared. */
  async hideTable(table: string): Promise<void> {
    const aside = `${table}_fault_aside`;
    await this.knex.schema.renameTable(table, aside);
    this.#undo.push(() => this.knex.schema.renameTable(aside, table));
  }

  async clear(): Promise<void> {
    const undo = this.#undo.reverse();
    this.#undo = [];
    for (const step of undo) await step();
  }
}
