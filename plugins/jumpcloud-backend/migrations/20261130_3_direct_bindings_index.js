// @ts-check

/**
 * The catalog module reads only direct user-device bindings (not via a
 * group), about 3 % of a large org's bindings, keyset-paged by seq. A partial
 * index of those rows lets each page start at its key instead of scanning
 * every binding of the run after it, and costs the sync almost nothing to
 * maintain.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_bindings', table => {
    table.index(['run_id', 'seq'], 'jc_bindings_direct_idx', {
      predicate: knex.whereRaw('?? = false', ['via_group']),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_bindings', table => {
    table.dropIndex([], 'jc_bindings_direct_idx');
  });
};
