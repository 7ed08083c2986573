// @ts-check

/**
 * A large run's check results (hundreds of thousands) are written here as
 * they are evaluated, a chunk of entities at a time, and read back by the
 * seal instead of being held in memory. Kept with the run's snapshot rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jc_run_results', table => {
    table.comment('Check results of a run, in evaluation order');
    table.increments('seq');
    table.string('run_id', 64).notNullable();
    table.string('check_id', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.string('entity_kind', 16).notNullable();
    table.string('entity_id', 255).notNullable();
    table.text('entity_name').notNullable();
    table.string('status', 16).notNullable();
    table.text('message').notNullable();
    table.text('evidence_json').nullable();
    table.index(['run_id', 'seq'], 'jc_run_results_run_idx');
    table.index(['run_id', 'entity_id', 'seq'], 'jc_run_results_entity_idx');
    table.index(['run_id', 'check_id'], 'jc_run_results_check_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('jc_run_results');
};
