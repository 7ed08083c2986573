// @ts-check

/**
 * Core tables of the JumpCloud backend: connections, sync runs, history and
 * the normalised snapshot store. Snapshot rows are keyed by run, so a run
 * writes beside the latest complete snapshot and downstream readers switch
 * only when the connection's `latest_complete_run_id` moves.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jc_connections', table => {
    table.comment('JumpCloud connections (UI-created or declared in config)');
    table.string('id', 64).primary();
    table.string('name', 255).notNullable().unique();
    table
      .string('region', 8)
      .nullable()
      .comment('us, eu, in; null for a custom API URL');
    table.string('api_url', 1024).notNullable();
    table.string('org_id', 255).nullable();
    table.string('org_name', 255).nullable();
    table
      .text('api_key_encrypted')
      .notNullable()
      .comment('AES-256-GCM, never clear text');
    table.string('api_key_last4', 4).notNullable();
    table.text('sync_frequency').notNullable().comment('JSON SyncFrequency');
    table.string('users_mode', 16).notNullable().defaultTo('ingest');
    table.boolean('enabled').notNullable().defaultTo(true);
    table.string('source', 16).notNullable().defaultTo('ui');
    table
      .text('status_reason')
      .nullable()
      .comment('Why the connection needs attention');
    table.string('latest_complete_run_id', 64).nullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('jc_sync_runs', table => {
    table.comment('One row per sync run; status running while it runs');
    table.string('id', 64).primary();
    table.string('connection_id', 64).notNullable();
    table.string('connection_name', 255).notNullable();
    table.string('status', 16).notNullable();
    table.string('trigger_type', 16).notNullable();
    table.string('trigger_by', 255).nullable();
    table.string('stage', 16).nullable().comment('null while queued');
    table.text('counts_json').notNullable().defaultTo('{}');
    table.text('failed_json').notNullable().defaultTo('{}');
    table.text('error_json').nullable();
    table.integer('requests').notNullable().defaultTo(0);
    table
      .string('claimed_by', 64)
      .nullable()
      .comment('Process running it; null while queued');
    table.string('heartbeat_at', 32).nullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).nullable();
    table.integer('duration_ms').nullable();
    table.index(['connection_id', 'started_at'], 'jc_sync_runs_connection_idx');
    table.index(['status'], 'jc_sync_runs_status_idx');
  });
  // At most one running run per connection, whatever the number of replicas.
  await knex.raw(
    `CREATE UNIQUE INDEX jc_sync_runs_one_running ON jc_sync_runs (connection_id) WHERE status = 'running'`,
  );

  await knex.schema.createTable('jc_history', table => {
    table.comment('Every action on connections, like a History table');
    table.string('id', 64).primary();
    table.string('connection_id', 64).nullable();
    table.string('connection_name', 255).notNullable();
    table.string('action', 32).notNullable();
    table.string('actor', 255).nullable();
    table.string('trigger_type', 16).nullable();
    table.string('status', 16).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).nullable();
    table.integer('duration_ms').nullable();
    table.text('counts_json').nullable();
    table.text('error_json').nullable();
    table.string('stage', 16).nullable();
    table.string('run_id', 64).nullable();
    table.index(['connection_id', 'started_at'], 'jc_history_connection_idx');
    table.index(['started_at'], 'jc_history_started_idx');
    table.index(['run_id'], 'jc_history_run_idx');
  });

  await knex.schema.createTable('jc_devices', table => {
    table.comment('Devices (v1 systems) per run');
    table.string('run_id', 64).notNullable();
    table.string('connection_id', 64).notNullable();
    table.string('id', 64).notNullable();
    table.string('hostname', 512).notNullable();
    table.string('display_name', 512).notNullable();
    table.string('os', 255).nullable();
    table.string('os_family', 16).notNullable();
    table.string('os_version', 255).nullable();
    table.string('agent_version', 64).nullable();
    table.string('last_contact', 32).nullable();
    table.boolean('active').notNullable();
    table.string('serial_number', 255).nullable();
    table.boolean('fde_active').nullable();
    table.string('mdm_vendor', 64).nullable();
    table.string('system_insights', 32).nullable();
    table.string('primary_user_id', 64).nullable();
    table.text('raw').notNullable();
    table.primary(['run_id', 'id']);
    table.index(['run_id', 'hostname'], 'jc_devices_hostname_idx');
    table.index(['run_id', 'os_family'], 'jc_devices_os_idx');
  });

  await knex.schema.createTable('jc_users', table => {
    table.comment('Directory users (v1 systemusers) per run');
    table.string('run_id', 64).notNullable();
    table.string('connection_id', 64).notNullable();
    table.string('id', 64).notNullable();
    table.string('username', 512).notNullable();
    table.string('email', 512).nullable();
    table.string('display_name', 512).notNullable();
    table.string('state', 32).notNullable();
    table.boolean('mfa_enrolled').notNullable();
    table.boolean('is_admin').notNullable();
    table.boolean('sudo').notNullable();
    table.text('raw').notNullable();
    table.primary(['run_id', 'id']);
    table.index(['run_id', 'username'], 'jc_users_username_idx');
    table.index(['run_id', 'email'], 'jc_users_email_idx');
  });

  await knex.schema.createTable('jc_groups', table => {
    table.comment('User and system groups per run');
    table.string('run_id', 64).notNullable();
    table.string('connection_id', 64).notNullable();
    table.string('id', 64).notNullable();
    table.string('type', 16).notNullable();
    table.string('name', 512).notNullable();
    table.text('raw').notNullable();
    table.primary(['run_id', 'type', 'id']);
    table.index(['run_id', 'name'], 'jc_groups_name_idx');
  });

  await knex.schema.createTable('jc_group_members', table => {
    table.comment('Direct group members per run');
    table.increments('seq');
    table.string('run_id', 64).notNullable();
    table.string('group_type', 16).notNullable();
    table.string('group_id', 64).notNullable();
    table.string('member_id', 64).notNullable();
    table.string('member_type', 16).notNullable();
    table.index(['run_id', 'group_type', 'seq'], 'jc_group_members_run_idx');
    table.index(['run_id', 'member_id'], 'jc_group_members_member_idx');
    table.index(['run_id', 'group_id'], 'jc_group_members_group_idx');
  });

  await knex.schema.createTable('jc_bindings', table => {
    table.comment('Effective user-device bindings per run');
    table.increments('seq');
    table.string('run_id', 64).notNullable();
    table.string('user_id', 64).notNullable();
    table.string('system_id', 64).notNullable();
    table.boolean('via_group').notNullable();
    table.boolean('sudo_enabled').nullable();
    table.boolean('sudo_without_password').nullable();
    table.index(['run_id', 'seq'], 'jc_bindings_run_idx');
    table.index(['run_id', 'user_id'], 'jc_bindings_user_idx');
    table.index(['run_id', 'system_id'], 'jc_bindings_system_idx');
  });

  await knex.schema.createTable('jc_policies', table => {
    table.comment('Policies per run');
    table.string('run_id', 64).notNullable();
    table.string('id', 64).notNullable();
    table.string('name', 512).notNullable();
    table.string('template_name', 255).nullable();
    table.string('os_family', 32).nullable();
    table.text('raw').notNullable();
    table.primary(['run_id', 'id']);
  });

  await knex.schema.createTable('jc_policy_results', table => {
    table.comment('Latest policy result per policy and device, per run');
    table.increments('seq');
    table.string('run_id', 64).notNullable();
    table.string('policy_id', 64).notNullable();
    table.string('system_id', 64).notNullable();
    table.boolean('success').nullable();
    table.string('ended_at', 32).nullable();
    table.text('raw').notNullable();
    table.index(['run_id', 'system_id'], 'jc_policy_results_system_idx');
  });

  await knex.schema.createTable('jc_insights', table => {
    table.comment('System Insights facts per run');
    table.increments('seq');
    table.string('run_id', 64).notNullable();
    table.string('table_name', 64).notNullable();
    table.string('system_id', 64).notNullable();
    table.text('raw').notNullable();
    table.index(['run_id', 'system_id'], 'jc_insights_system_idx');
  });

  await knex.schema.createTable('jc_admins', table => {
    table.comment('Console administrators per run');
    table.string('run_id', 64).notNullable();
    table.string('id', 64).notNullable();
    table.string('email', 512).nullable();
    table.string('role', 255).nullable();
    table.boolean('mfa_enabled').nullable();
    table.text('raw').notNullable();
    table.primary(['run_id', 'id']);
  });

  await knex.schema.createTable('jc_org_objects', table => {
    table.comment(
      'Org settings and org-level objects per run: organization, applications, authnPolicies, appleMdms, directoryEvents',
    );
    table.increments('seq');
    table.string('run_id', 64).notNullable();
    table.string('type', 32).notNullable();
    table.string('id', 255).notNullable();
    table.text('raw').notNullable();
    table.index(['run_id', 'type'], 'jc_org_objects_run_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'jc_org_objects',
    'jc_admins',
    'jc_insights',
    'jc_policy_results',
    'jc_policies',
    'jc_bindings',
    'jc_group_members',
    'jc_groups',
    'jc_users',
    'jc_devices',
    'jc_history',
    'jc_sync_runs',
    'jc_connections',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
};
