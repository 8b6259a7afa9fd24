// Blocking and unblocking a number, from its profile or from the list's row menu: one place for
// the manual's question and for which states allow which action.

import { api } from "./api.js";
import { noWrap } from "./dom.js";
import { formDialog } from "./form.js";
import { formatPhone } from "./format.js";
import { t } from "./i18n.js";
import { allows } from "./number_rules.js";

/** The states this version knows; the portal may send others, which are kept as they are. */
export const KNOWN_STATES = ["active", "blocked", "in_process", "blocked_debt"];

/**
 * What a number in `state` allows, by the shared table (`number_rules.js`): "block", "unblock",
 * or null (In process waits for the portal; Blocked / Debt cannot be unblocked by the
 * administrator; a state this version does not know allows nothing).
 */
export function blockAction(state) {
  if (allows("block", state)) return "block";
  if (allows("unblock", state)) return "unblock";
  return null;
}

/** The state's name in the current language; a state this version does not know, as sent. */
export function stateLabel(state) {
  return KNOWN_STATES.includes(state) ? t(`state.${state}`) : String(state);
}

/**
 * Asks the manual's question, then sends the request. Resolves true once the portal accepted
 * it (the number is then In process), false when the user cancelled; rejects with the portal's
 * error.
 */
export async function askAndSetBlocked(msisdn, block) {
  const asked = await formDialog({
    id: "confirm-dialog",
    titleKey: block ? "number.block_title" : "number.unblock_title",
    messageKey: block ? "number.confirm_block" : "number.confirm_unblock",
    messageVars: { number: noWrap(formatPhone(msisdn)) },
    confirmKey: "number.yes_sure",
  });
  if (!asked) return false;
  await api.act({ msisdn, kind: block ? "block" : "unblock", params: {} });
  return true;
}
