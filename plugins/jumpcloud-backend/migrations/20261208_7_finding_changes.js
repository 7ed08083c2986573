// @ts-check

/**
 * What sealing a run did to the findings (opened, resolved), kept with the
 * run and its History row so History can say it beside what the run read:
 * `finding_changes_json`, null for runs not sealed and runs recorded before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of ['jc_sync_runs', 'jc_history']) {
    await knex.schema.alterTable(name, table => {
      table
        .text('finding_changes_json')
        .nullable()
        .comment('Findings opened and resolved by sealing the run');
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of ['jc_sync_runs', 'jc_history']) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('finding_changes_json');
    });
  }
};
