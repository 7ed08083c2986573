// @ts-check

/**
 * History rows of actions that are not syncs say what was done in words
 * (which risk was accepted, for which entity, until when, and why):
 * `detail`, null for the rows written before and for syncs, whose outcome
 * is in their counts and error.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_history', table => {
    table.text('detail').nullable().comment('What the action did, in words');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_history', table => {
    table.dropColumn('detail');
  });
};
