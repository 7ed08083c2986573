// @ts-check

/**
 * A device's detail names the groups through which each user reaches it
 * ("through Engineering"): the sync knows them while it expands group
 * access, and keeps them here as a JSON array of group ids (user groups, or
 * device groups bound to the user). Null for a direct-only binding and for
 * runs stored before this column, which read as "through a group".
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_bindings', table => {
    table
      .text('via_group_ids')
      .nullable()
      .comment('JSON array of the ids of the groups granting the binding');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_bindings', table => {
    table.dropColumn('via_group_ids');
  });
};
