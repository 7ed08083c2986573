// @ts-check

/**
 * Evidence retention: a run pruned by the retention policy keeps its
 * manifest row (hash, previous hash, counts, population hashes) so the
 * chain still verifies across it; its population blobs are deleted.
 * `pruned_at` / `pruned_reason` say when and under which policy, and
 * `population_counts_json` keeps the rows each deleted population held.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_evidence_runs', table => {
    table
      .string('pruned_at', 32)
      .nullable()
      .comment('When the retention policy deleted the populations');
    table
      .text('pruned_reason')
      .nullable()
      .comment('The retention policy that pruned the run, in words');
    table
      .text('population_counts_json')
      .nullable()
      .comment('Row count per deleted population, kept when pruned');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_evidence_runs', table => {
    table.dropColumn('pruned_at');
    table.dropColumn('pruned_reason');
    table.dropColumn('population_counts_json');
  });
};
