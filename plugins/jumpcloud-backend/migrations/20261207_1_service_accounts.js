// @ts-check

/**
 * Connections may read JumpCloud with a service account (OAuth 2.0 client
 * credentials) instead of an administrator's API key:
 * - `auth_type`: `apiKey` (every existing row) or `serviceAccount`;
 * - `client_id`: the service account's client ID, shown in the UI (null for
 *   API keys).
 * The secret of either credential stays in `api_key_encrypted` (the API
 * key, or the service account's client secret; AES-256-GCM, like before)
 * and its last 4 characters in `api_key_last4`, so existing rows stay valid
 * as they are and no column changes its nullability.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_connections', table => {
    table
      .string('auth_type', 16)
      .notNullable()
      .defaultTo('apiKey')
      .comment('apiKey or serviceAccount');
    table
      .string('client_id', 255)
      .nullable()
      .comment('Service account client ID; null for an API key');
  });
};

/**
 * Before the columns go, service-account connections are disabled with a
 * reason: without them their client secret would pass for an API key.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('jc_connections').where({ auth_type: 'serviceAccount' }).update({
    enabled: false,
    status_reason:
      'This connection uses a service account, which this version does not support: paste an API key',
  });
  await knex.schema.alterTable('jc_connections', table => {
    table.dropColumn('client_id');
    table.dropColumn('auth_type');
  });
};
