// @ts-check

/**
 * A finding that is open and failing in its connection's latest sealed run
 * is no longer rewritten by every sync to say so: `seen_in_latest_run` is
 * set when it starts failing again and cleared when a run stops seeing it
 * (resolved, unknown, not evaluated), and its last seen time is read from
 * the latest sealed run (jc_posture_points). A sync writes the findings that
 * changed, not every open one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    table.boolean('seen_in_latest_run').notNullable().defaultTo(false);
  });
  // Open findings the latest sealed run stamped were seen by it.
  await knex('jc_findings as f')
    .where('f.status', 'open')
    .whereRaw(
      'f.last_run_id = (select c.latest_complete_run_id from jc_connections c where c.id = f.connection_id)',
    )
    .update({ seen_in_latest_run: true });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Back to a stamp on every finding: those the latest run saw get its time.
  await knex.raw(`UPDATE jc_findings SET last_seen_at = (SELECT max(p.at) FROM jc_posture_points p WHERE p.connection_id = jc_findings.connection_id)
    WHERE seen_in_latest_run AND EXISTS (SELECT 1 FROM jc_posture_points p WHERE p.connection_id = jc_findings.connection_id)`);
  await knex.raw('ALTER TABLE jc_findings DROP COLUMN seen_in_latest_run');
};
