// The actions a bulk run can take, as core offers them (`bulkChoices()` of number_rules.js, from
// the `actions` command): Block, Unblock, enable or disable a service, the three bans on and
// off, Send secret code, in the order of the number's menus. Each is `{id, kind, label_key,
// needs_service, action}`: `action` is the `Action` the bulk commands take (`{action, service?,
// ban?}`), the screen filling in `service`. The shared state × action rules are applied by the
// preview (core and the portal), not here.

import { t } from "../../i18n.js";
import { bulkChoices } from "../../number_rules.js";

/** The choice of an option's id (`block`, `ban_on:mykcell`); null for none. */
export function choiceOf(id) {
  return bulkChoices().find((c) => c.id === id) ?? null;
}

/** The action to send for a choice, with the service chosen on the screen where it needs one. */
export function actionOf(choice, service) {
  return choice.needs_service ? { ...choice.action, service } : { ...choice.action };
}

/** The choice of an `Action` as a run carries it. */
export function entryOf(action) {
  return bulkChoices().find((c) => c.action.action === action.action && (c.action.ban ?? null) === (action.ban ?? null)) ?? null;
}

/**
 * The action's name for a sentence, in the current language: "Block", "Enable a service:
 * 50 minutes…" (the service by its id when its name is not known here).
 */
export function actionText(action, serviceName = null) {
  const entry = entryOf(action);
  const name = entry ? t(entry.label_key) : String(action.action);
  return action.service ? `${name}: ${serviceName ?? action.service}` : name;
}
