// @ts-check

/**
 * Acknowledgements hold for one scope of an entry: its date and what it
 * touches. Entries get a scope revision, raised when an edit moves them
 * earlier or changes their operations or changes; every acknowledgement
 * records the revision it was given for, and its step in that revision's
 * trail. A unique index on (entry, consumer, revision, step) lets only one
 * of two concurrent acknowledgements in. Existing rows get the revision
 * their entry had when they were written (from the entry's history), and
 * repeats of the same action in a row (double posts) are removed first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('calendar_entries', table => {
    table
      .integer('scope_revision')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Raised when the entry moves earlier or changes what it touches',
      );
  });
  await knex.schema.alterTable('calendar_acknowledgements', table => {
    table
      .integer('scope_revision')
      .notNullable()
      .defaultTo(0)
      .comment('The scope revision of the entry this record was made for');
    table
      .integer('step')
      .notNullable()
      .defaultTo(0)
      .comment('Position in the trail of this entry, consumer and revision');
  });

  /** @param {unknown} value */
  const time = value => {
    if (value instanceof Date) return value.getTime();
    if (typeof value === 'number') return value;
    const text = String(value);
    return Date.parse(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text)
        ? `${text.replace(' ', 'T')}Z`
        : text,
    );
  };
  /** @param {any} c */
  const changeKey = c =>
    JSON.stringify([c.ruleId, c.level, c.location, c.fingerprint ?? '']);
  /** @param {string[]} values */
  const asSet = values => JSON.stringify([...new Set(values)].sort());
  // The rule of src/calendar/scopeRevision.ts, as it stands today.
  /** @param {any} before @param {any} after */
  const reopens = (before, after) =>
    Date.parse(after.effectiveAt) < Date.parse(before.effectiveAt) ||
    asSet(before.operations ?? []) !== asSet(after.operations ?? []) ||
    asSet((before.changes ?? []).map(changeKey)) !==
      asSet((after.changes ?? []).map(changeKey));

  // Each entry's revision over time, from its history.
  /** @type {Map<string, { at: number, revision: number }[]>} */
  const timelines = new Map();
  const history = await knex('calendar_entry_history')
    .select('entry_id', 'at', 'entry')
    .orderBy('id');
  /** @type {Map<string, any>} */
  const lastSnapshot = new Map();
  for (const row of history) {
    const snapshot = JSON.parse(row.entry);
    const timeline = timelines.get(row.entry_id) ?? [];
    const previous = lastSnapshot.get(row.entry_id);
    const current = timeline.length
      ? timeline[timeline.length - 1].revision
      : 0;
    timeline.push({
      at: time(row.at),
      revision: previous && reopens(previous, snapshot) ? current + 1 : current,
    });
    timelines.set(row.entry_id, timeline);
    lastSnapshot.set(row.entry_id, snapshot);
  }
  for (const [entryId, timeline] of timelines) {
    const revision = timeline[timeline.length - 1].revision;
    if (revision > 0) {
      await knex('calendar_entries')
        .where({ id: entryId })
        .update({ scope_revision: revision });
    }
  }

  const acks = await knex('calendar_acknowledgements')
    .select('id', 'entry_id', 'consumer_ref', 'action', 'at')
    .orderBy('id');
  /** @type {Map<string, { action: string, revision: number, step: number }>} */
  const last = new Map();
  /** @type {number[]} */
  const repeats = [];
  for (const ack of acks) {
    const at = time(ack.at);
    let revision = 0;
    for (const point of timelines.get(ack.entry_id) ?? []) {
      if (point.at <= at) revision = point.revision;
    }
    const key = `${ack.entry_id}\u0000${ack.consumer_ref}`;
    const before = last.get(key);
    if (
      before &&
      before.revision === revision &&
      before.action === ack.action
    ) {
      repeats.push(ack.id);
      continue;
    }
    const step = before && before.revision === revision ? before.step + 1 : 0;
    last.set(key, { action: ack.action, revision, step });
    if (revision !== 0 || step !== 0) {
      await knex('calendar_acknowledgements')
        .where({ id: ack.id })
        .update({ scope_revision: revision, step });
    }
  }
  for (let i = 0; i < repeats.length; i += 500) {
    await knex('calendar_acknowledgements')
      .whereIn('id', repeats.slice(i, i + 500))
      .delete();
  }

  await knex.schema.alterTable('calendar_acknowledgements', table => {
    table.unique(
      ['entry_id', 'consumer_ref', 'scope_revision', 'step'],
      'calendar_acks_revision_step_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('calendar_acknowledgements', table => {
    table.dropUnique(
      ['entry_id', 'consumer_ref', 'scope_revision', 'step'],
      'calendar_acks_revision_step_idx',
    );
  });
  await knex.schema.alterTable('calendar_acknowledgements', table => {
    table.dropColumn('step');
    table.dropColumn('scope_revision');
  });
  await knex.schema.alterTable('calendar_entries', table => {
    table.dropColumn('scope_revision');
  });
};
