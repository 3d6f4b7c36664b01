/** An entity ref's name, for messages: `component:default/ledger` → `ledger`. */
export const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);
