// Which number states allow which action: the shared table of kabinet-core
// (`rules/number_actions.rs`), read once at boot through the `number_actions` command. The UI
// keeps no copy of its own, so it offers exactly what the sandbox and the client accept. Until
// the table is read (or if reading it failed) nothing is allowed.

import { api } from "./api.js";

let table = new Map();

/** Reads the table from the app; called once at boot. */
export async function loadNumberActions() {
  const rows = await api.number_actions();
  table = new Map(rows.map((row) => [row.action, new Set(row.states)]));
}

/** Whether a number in `state` allows `action` (`block`, `unblock`, `enable_service`, …). */
export function allows(action, state) {
  return table.get(action)?.has(state) ?? false;
}
