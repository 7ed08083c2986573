// @ts-check

/**
 * Checks, findings, risk exceptions, posture and sealed evidence.
 * Times are ISO 8601 UTC strings with milliseconds (sortable as text).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jc_findings', table => {
    table.comment('One row per failing check and entity, per connection');
    table.string('id', 64).primary();
    table.string('connection_id', 64).notNullable();
    table.string('connection_name', 255).notNullable();
    table.string('check_id', 64).notNullable();
    table.string('check_title', 255).notNullable();
    table.string('severity', 16).notNullable();
    table
      .integer('severity_rank')
      .notNullable()
      .comment('critical 5 … info 1, for sorting');
    table.string('entity_kind', 16).notNullable();
    table.string('entity_id', 255).notNullable();
    table.string('entity_name', 512).notNullable();
    table.string('entity_ref', 512).nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('open or resolved; excepted is derived');
    table.string('first_seen_at', 32).notNullable();
    table.string('last_seen_at', 32).notNullable();
    table.string('resolved_at', 32).nullable();
    table.string('reopened_at', 32).nullable();
    table.string('last_run_id', 64).notNullable();
    table.text('message').notNullable();
    table.text('evidence_json').notNullable();
    table.text('frameworks_json').notNullable();
    table
      .string('exception_id', 64)
      .nullable()
      .comment('Covering exception with the latest expiry');
    table
      .string('excepted_until', 32)
      .nullable()
      .comment('Excepted while now < this');
    table.unique(['connection_id', 'check_id', 'entity_id'], {
      indexName: 'jc_findings_key',
    });
    table.index(['status', 'severity_rank'], 'jc_findings_status_idx');
    table.index(['check_id'], 'jc_findings_check_idx');
    table.index(['entity_id'], 'jc_findings_entity_idx');
    table.index(['entity_ref'], 'jc_findings_entity_ref_idx');
    table.index(['last_seen_at'], 'jc_findings_last_seen_idx');
    table.index(['first_seen_at'], 'jc_findings_first_seen_idx');
  });

  await knex.schema.createTable('jc_exceptions', table => {
    table.comment(
      'Risk acceptance per check and entity (or whole check) with an expiry',
    );
    table.string('id', 64).primary();
    table.string('connection_id', 64).notNullable();
    table.string('check_id', 64).notNullable();
    table
      .string('entity_id', 255)
      .nullable()
      .comment('null: the whole check for the connection');
    table.string('owner', 255).notNullable();
    table.text('reason').notNullable();
    table.string('expires_at', 32).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table
      .string('deleted_at', 32)
      .nullable()
      .comment('Removed exceptions stay for the audit trail');
    table.string('deleted_by', 255).nullable();
    table.index(['connection_id', 'check_id'], 'jc_exceptions_check_idx');
  });

  await knex.schema.createTable('jc_check_entity_results', table => {
    table.comment(
      'Latest sealed results per entity (one row per entity, results as JSON)',
    );
    table.string('connection_id', 64).notNullable();
    table.string('entity_id', 255).notNullable();
    table.string('entity_kind', 16).notNullable();
    table.string('entity_name', 512).notNullable();
    table.string('run_id', 64).notNullable();
    table.text('counts_json').notNullable();
    table.text('results_json').notNullable();
    table.primary(['connection_id', 'entity_id']);
  });

  await knex.schema.createTable('jc_posture_points', table => {
    table.comment('Posture of each sealed run, for the trend');
    table.string('run_id', 64).primary();
    table.string('connection_id', 64).notNullable();
    table.string('at', 32).notNullable();
    table.float('score').nullable();
    table.float('weighted_pass').notNullable();
    table.float('weighted_applicable').notNullable();
    table.text('counts_json').notNullable();
    table.text('open_by_severity_json').notNullable();
    table.integer('open_findings').notNullable();
    table.index(['connection_id', 'at'], 'jc_posture_points_connection_idx');
  });

  await knex.schema.createTable('jc_evidence_runs', table => {
    table.comment(
      'Sealed runs: manifest fields and the hash chained to the previous run',
    );
    table.string('run_id', 64).primary();
    table.string('connection_id', 64).notNullable();
    table.integer('seq').notNullable().comment('1, 2, … per connection');
    table.string('connection_name', 255).notNullable();
    table.string('org_id', 255).nullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).notNullable();
    table.text('counts_json').notNullable();
    table.text('results_summary_json').notNullable();
    table.text('hashes_json').notNullable();
    table.string('previous_hash', 64).nullable();
    table.string('hash', 64).notNullable();
    table.string('sealed_at', 32).notNullable();
    table.unique(['connection_id', 'seq'], {
      indexName: 'jc_evidence_runs_seq',
    });
  });

  await knex.schema.createTable('jc_evidence_populations', table => {
    table.comment(
      'gzip of the canonical JSON of each population of a sealed run',
    );
    table.string('run_id', 64).notNullable();
    table.string('name', 32).notNullable();
    table.integer('row_count').notNullable();
    table
      .string('sha256', 64)
      .notNullable()
      .comment('Of the uncompressed canonical JSON');
    table.binary('content').notNullable();
    table.primary(['run_id', 'name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('jc_evidence_populations');
  await knex.schema.dropTable('jc_evidence_runs');
  await knex.schema.dropTable('jc_posture_points');
  await knex.schema.dropTable('jc_check_entity_results');
  await knex.schema.dropTable('jc_exceptions');
  await knex.schema.dropTable('jc_findings');
};
