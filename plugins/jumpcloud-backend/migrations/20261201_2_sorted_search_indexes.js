// @ts-check

/**
 * - GET /assets/devices?osFamily=…&sort=lastContact: one index holds the
 *   filter, the sort and its tie-breaker, so the page is read from it
 *   instead of sorting every device of the family (wide rows) first.
 * - GET /findings?status=open&severity=…: one index of the status in the
 *   default sort's order (most severe first) holds the other filters, so
 *   the page walks it in order and the count reads the open findings from
 *   it, not every finding.
 * - SQLite: the findings search index leads with the default sort (most
 *   severe first), so a search's first page walks it in order and stops
 *   once the page is full; counting still scans it whole, never the table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_devices', table => {
    table.index(
      ['run_id', 'os_family', 'last_contact', 'id'],
      'jc_devices_os_contact_idx',
    );
  });
  await knex.schema.alterTable('jc_findings', table => {
    table.index(
      ['status', 'severity_rank', 'id', 'severity', 'excepted_until'],
      'jc_findings_status_severity_idx',
    );
  });
  if (knex.client.dialect !== 'postgresql') {
    await knex.schema.alterTable('jc_findings', table => {
      table.dropIndex([], 'jc_findings_search_idx');
      table.index(
        ['severity_rank', 'id', 'search_text'],
        'jc_findings_severity_search_idx',
      );
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.dialect !== 'postgresql') {
    await knex.schema.alterTable('jc_findings', table => {
      table.dropIndex([], 'jc_findings_severity_search_idx');
      table.index(
        ['search_text', 'severity_rank', 'id'],
        'jc_findings_search_idx',
      );
    });
  }
  await knex.schema.alterTable('jc_findings', table => {
    table.dropIndex([], 'jc_findings_status_severity_idx');
  });
  await knex.schema.alterTable('jc_devices', table => {
    table.dropIndex([], 'jc_devices_os_contact_idx');
  });
};
