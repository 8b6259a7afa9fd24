// The menus of a number, ONE registry in the manual's menu order: the list's row menu
// (screens/numbers.js) and the profile's "…" menu (screens/number.js) both read it (the bulk
// screen reads core's bulk choices, number_rules.js). Whether an entry is allowed is asked of
// core's actions by id (`allows("ban_set", state)`). Adding an action is one entry here (see
// ARCHITECTURE.md, "Adding an action"); neither menu lists items of its own.
//
// An entry is `{id, label(number), menus, needsPortal, allowed(number), run(number, host)}`:
// - `menus`: where it is offered: "row" (the list's ⋮ menu), "profile" (the profile's …). The
//   manual's two menus differ: Block is a button of its own in the profile, and the profile's
//   sections are one click away there.
// - `allowed`: whether the number's state allows it, by the shared table (`number_rules.js`).
//   An item that is not allowed is hidden, as the menus have always done, unless the entry
//   gives `why(number)`: a text key saying why it is not possible now; the item is then listed,
//   disabled (`aria-disabled`), with that text under its label (FAQ 8, SIM replacement).
// - `run(number, host)`: `host` is what the menu's screen provides: `open(section)` (the
//   profile, at a section or its top), `usage()`, `setBlocked(block)`, `refresh()` (shows the
//   number's fresh data: the profile again, or the list's rows), `notice(key, vars)` (a passing
//   message under the top bar), `go(screen, params)` (opens a screen of its own, Back returns).

import { blockAction } from "./block.js";
import { banMykcell, banMykcellDetails, banSmsUssd, simReplacement } from "./actions/sim_bans.js";
import { DEVICE_ACTIONS } from "./actions/devices.js";
import { FORWARDING_ACTIONS } from "./actions/forwarding.js";
import { SECRET_CODE_ACTIONS } from "./actions/secret_code.js";
import { PAYMENTS_ACTIONS } from "./actions/payments.js";
import { TRANSFER_ACTIONS } from "./actions/transfer.js";

export const ACTIONS = [
  { id: "profile", menus: ["row"], label: () => "menu.profile", allowed: () => true, run: (n, host) => host.open(null) },
  {
    id: "block", menus: ["row"], needsPortal: true,
    label: (n) => (blockAction(n.state) === "unblock" ? "number.unblock" : "number.block"),
    allowed: (n) => blockAction(n.state) !== null,
    run: (n, host) => host.setBlocked(blockAction(n.state) === "block"),
  },
  // The manual's order: SIM card replacement, Ban on MyKcell details access, Ban on MyKcell
  // access, Device registration (IMEI), Ban on SMS / USSD control, Call forwarding, Send secret
  // code, Delete secret code, Payments report.
  simReplacement,
  banMykcellDetails,
  banMykcell,
  ...DEVICE_ACTIONS,
  banSmsUssd,
  ...FORWARDING_ACTIONS,
  ...SECRET_CODE_ACTIONS,
  ...PAYMENTS_ACTIONS,
  { id: "usage", menus: ["row", "profile"], label: () => "menu.usage", allowed: () => true, run: (n, host) => host.usage() },
  { id: "sim", menus: ["row", "profile"], label: () => "menu.sim", allowed: () => true, run: (n, host) => host.open("sim") },
  { id: "allowances", menus: ["profile"], label: () => "number.allowance", allowed: () => true, run: (n, host) => host.open("allowances") },
  { id: "services", menus: ["row", "profile"], label: () => "menu.services", allowed: () => true, run: (n, host) => host.open("services") },
  // Not in the manual's menus (it is a tab there): last, opening the tab with this sender.
  ...TRANSFER_ACTIONS,
];

/** The entries a menu lists for a number, in the registry's order: allowed, or saying why not. */
export function actionsFor(menu, number) {
  return ACTIONS.filter((a) => a.menus.includes(menu) && (a.allowed(number) || a.why));
}

/**
 * The items of `openMenu` (dom.js) for a menu: ids are `${prefix}-${id}` (`menu-block`,
 * `more-sim`); an item not allowed has `why` (a text key) and does nothing.
 */
export function menuItems(menu, prefix, number, host) {
  return actionsFor(menu, number).map((a) => {
    const allowed = a.allowed(number);
    return {
      id: `${prefix}-${a.id}`, key: a.label(number), needsPortal: allowed && a.needsPortal,
      why: allowed ? null : a.why(number), onclick: () => a.run(number, host),
    };
  });
}
