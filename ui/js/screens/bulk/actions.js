// The actions a bulk run can take, in the order of the number's menus (actions.js): Block,
// Unblock, enable or disable a service, the three bans on and off, Send secret code. Each is
// the `BulkAction` the bulk commands take (`{action, service?, ban?}`) and the label of its
// registry entry, so a bulk action reads as the same action on one number does. The shared
// state × action rules are applied by the preview (core and the portal), not here.

import { t } from "../../i18n.js";

const BANS = ["mykcell_details", "mykcell", "sms_ussd"];

/** `{id, key, needsService, make(service) -> BulkAction}` in menu order. */
export const BULK_ACTIONS = [
  { id: "block", key: "number.block", make: () => ({ action: "block" }) },
  { id: "unblock", key: "number.unblock", make: () => ({ action: "unblock" }) },
  { id: "service_on", key: "bulk.action.service_on", needsService: true, make: (service) => ({ action: "service_on", service }) },
  { id: "service_off", key: "bulk.action.service_off", needsService: true, make: (service) => ({ action: "service_off", service }) },
  ...BANS.flatMap((ban) => [
    { id: `ban_on:${ban}`, key: `bulk.action.ban_on.${ban}`, make: () => ({ action: "ban_on", ban }) },
    { id: `ban_off:${ban}`, key: `bulk.action.ban_off.${ban}`, make: () => ({ action: "ban_off", ban }) },
  ]),
  { id: "send_secret_code", key: "menu.secret_send", make: () => ({ action: "send_secret_code" }) },
];

/** The entry of a `BulkAction` as a run carries it. */
export function entryOf(action) {
  const id = action.ban ? `${action.action}:${action.ban}` : action.action;
  return BULK_ACTIONS.find((a) => a.id === id) ?? null;
}

/**
 * The action's name for a sentence, in the current language: "Block", "Enable a service:
 * 50 minutes…" (the service by its id when its name is not known here).
 */
export function actionText(action, serviceName = null) {
  const entry = entryOf(action);
  const name = entry ? t(entry.key) : String(action.action);
  return action.service ? `${name}: ${serviceName ?? action.service}` : name;
}
