// @ts-check

/**
 * Findings at scale (100k+ per instance): one lower-cased search column
 * instead of five lower(…) LIKE scans, and indexes that match the sorts and
 * filters of GET /findings and the posture counts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    table
      .text('search_text')
      .nullable()
      .comment('lower(entity name, entity id, check id, check title, message)');
  });
  await knex('jc_findings').update({
    search_text: knex.raw(
      "lower(entity_name || ' ' || entity_id || ' ' || check_id || ' ' || check_title || ' ' || message)",
    ),
  });
  await knex.schema.alterTable('jc_findings', table => {
    table.index(['severity_rank', 'id'], 'jc_findings_severity_idx');
    table.index(
      ['connection_id', 'severity_rank', 'id'],
      'jc_findings_connection_severity_idx',
    );
    table.index(
      ['connection_id', 'status', 'excepted_until', 'severity'],
      'jc_findings_open_idx',
    );
    table.index(['excepted_until'], 'jc_findings_excepted_idx');
    table.index(['entity_name', 'id'], 'jc_findings_entity_name_idx');
    table.index(['check_id', 'last_seen_at'], 'jc_findings_check_seen_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    table.dropIndex([], 'jc_findings_severity_idx');
    table.dropIndex([], 'jc_findings_connection_severity_idx');
    table.dropIndex([], 'jc_findings_open_idx');
    table.dropIndex([], 'jc_findings_excepted_idx');
    table.dropIndex([], 'jc_findings_entity_name_idx');
    table.dropIndex([], 'jc_findings_check_seen_idx');
    table.dropColumn('search_text');
  });
};
