// @ts-check

/**
 * The Checks view shows, per check and connection, how many entities pass,
 * fail, are unknown (with the most common reason) or not applicable. The
 * latest results are otherwise only held per entity as JSON
 * (jc_check_entity_results), which no query can group without reading
 * every entity: the counts are kept here instead, replaced with the
 * per-entity results each time a run is sealed, and read by one query.
 *
 * Existing databases get the counts of their latest sealed results at once
 * (read from jc_check_entity_results a page at a time).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jc_check_status_counts', table => {
    table.comment(
      'Results of each check per status in the latest sealed run of each connection',
    );
    table.string('connection_id', 64).notNullable();
    table.string('check_id', 64).notNullable();
    table.string('status', 16).notNullable();
    table.integer('result_count').notNullable();
    table
      .text('top_message')
      .nullable()
      .comment('unknown only: the message most of these results share');
    table.integer('top_message_count').nullable();
    table.string('run_id', 64).notNullable();
    table.string('evaluated_at', 32).notNullable();
    table.primary(['connection_id', 'check_id', 'status']);
  });
  await backfill(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('jc_check_status_counts');
};

/**
 * Counts the stored per-entity results of every connection.
 *
 * @param {import('knex').Knex} knex
 */
async function backfill(knex) {
  /** @type {Map<string, {runId: string, at: string, counts: Map<string, {count: number, messages: Map<string, number>}>}>} */
  const byConnection = new Map();
  const points = await knex('jc_posture_points').select('run_id', 'at');
  const runAt = new Map(points.map(p => [p.run_id, p.at]));
  let after = ['', ''];
  for (;;) {
    const rows = await knex('jc_check_entity_results')
      .whereRaw('(connection_id, entity_id) > (?, ?)', after)
      .orderBy(['connection_id', 'entity_id'])
      .limit(1000)
      .select('connection_id', 'entity_id', 'run_id', 'results_json');
    for (const row of rows) {
      let connection = byConnection.get(row.connection_id);
      if (!connection) {
        connection = {
          runId: row.run_id,
          at: runAt.get(row.run_id) ?? new Date(0).toISOString(),
          counts: new Map(),
        };
        byConnection.set(row.connection_id, connection);
      }
      for (const result of JSON.parse(row.results_json)) {
        const key = `${result.checkId}\u0000${result.status}`;
        let tally = connection.counts.get(key);
        if (!tally)
          connection.counts.set(
            key,
            (tally = { count: 0, messages: new Map() }),
          );
        tally.count++;
        if (result.status === 'unknown')
          tally.messages.set(
            result.message,
            (tally.messages.get(result.message) ?? 0) + 1,
          );
      }
    }
    if (rows.length < 1000) break;
    const last = rows[rows.length - 1];
    after = [last.connection_id, last.entity_id];
  }
  for (const [connectionId, connection] of byConnection) {
    const inserts = [...connection.counts].map(([key, tally]) => {
      const [checkId, status] = key.split('\u0000');
      const top = [...tally.messages].sort((a, b) => b[1] - a[1])[0];
      return {
        connection_id: connectionId,
        check_id: checkId,
        status,
        result_count: tally.count,
        top_message: top ? top[0] : null,
        top_message_count: top ? top[1] : null,
        run_id: connection.runId,
        evaluated_at: connection.at,
      };
    });
    for (let i = 0; i < inserts.length; i += 200)
      await knex('jc_check_status_counts').insert(inserts.slice(i, i + 200));
  }
}
