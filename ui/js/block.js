// Blocking and unblocking a number, from its profile or from the list's row menu: one place for
// the manual's question and for which states allow which action.

import { api } from "./api.js";
import { confirmDialog, formatPhone, noWrap } from "./dom.js";
import { t } from "./i18n.js";

/**
 * What a number in `state` allows: "block" (Active), "unblock" (Blocked), or null (In process
 * waits for the portal; Blocked / Debt cannot be unblocked by the administrator).
 */
export function blockAction(state) {
  if (state === "active") return "block";
  if (state === "blocked") return "unblock";
  return null;
}

/**
 * Asks the manual's question, then sends the request. Resolves true once the portal accepted
 * it (the number is then In process), false when the user cancelled; rejects with the portal's
 * error.
 */
export async function askAndSetBlocked(msisdn, block) {
  const question = t(block ? "number.confirm_block" : "number.confirm_unblock", { number: noWrap(formatPhone(msisdn)) });
  const title = block ? "number.block_title" : "number.unblock_title";
  if (!(await confirmDialog(title, question, "number.yes_sure"))) return false;
  await api.number_set_blocked({ msisdn, block });
  return true;
}
