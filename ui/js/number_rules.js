// The actions as core names them (`kabinet-core/src/action_catalogue.rs`), read once at boot
// through the `actions` command: each action's id with the number states that allow it (the
// shared table of `kabinet-protocol/src/rules/number_actions.rs`) and its notice's text key,
// the number's menus' items and the bulk screen's choices. The UI keeps no list of its own, so
// its menus, the bulk screen and the notices offer exactly what the sandbox and the client
// accept. Until the catalogue is read (or if reading it failed) nothing is allowed and bulk
// offers nothing. The catalogue is app-wide (the same for every screen and session of this app),
// so it is this module's own.

import { api } from "./api.js";

let table = new Map();
let notices = new Map();
let bulk = [];
let menu = [];
let historyDetails = new Map();

/** Reads the catalogue from the app; called once at boot. */
export async function loadActions() {
  const catalogue = await api.actions();
  table = new Map(catalogue.actions.filter((a) => a.states).map((a) => [a.id, new Set(a.states)]));
  notices = new Map(catalogue.actions.filter((a) => a.notice_key).map((a) => [a.id, a.notice_key]));
  bulk = catalogue.bulk;
  menu = catalogue.menu;
  historyDetails = new Map(catalogue.actions.filter((a) => a.history_detail_key).map((a) => [a.id, a.history_detail_key]));
}

/**
 * The text key, less the detail, naming the detail of an actions-history row of the action `id`
 * (`ban.` for a ban's rows: `ban.mykcell`); null when the detail is shown as the portal sent it.
 */
export function historyDetailKey(id) {
  return historyDetails.get(id) ?? null;
}

/** Whether a number in `state` allows the action `id` (`block`, `service_enable`, `ban_set`, …). */
export function allows(id, state) {
  return table.get(id)?.has(state) ?? false;
}

/** The text key naming an intent of the action `id` in a notice; null for an unknown id. */
export function noticeKey(id) {
  return notices.get(id) ?? null;
}

/**
 * The number's menus' items in the manual's order (actions.js): `{type: "offer", id, label_key,
 * menus, why_key, ask}` (an action's dialog as data) or `{type: "own", id, menus}`.
 */
export function menuCatalogue() {
  return menu;
}

/**
 * What the bulk screen offers, in the menus' order: `{id, kind, label_key, needs_service,
 * action}`, `action` being the bulk commands' `{action, service?, ban?}` (the screen fills in
 * `service`).
 */
export function bulkChoices() {
  return bulk;
}
