// The menus of a number, from core's catalogue (the `actions` command, number_rules.js
// `menuCatalogue()`): the list's row menu (screens/numbers.js) and the profile's "…" menu
// (screens/number.js) both read it, item by item in the manual's order, and list no item of
// their own. An item is either
// - an action's offer (kabinet-protocol `action::offers`: SIM replacement, the bans, the secret
//   code): its dialog is built from it (action_dialog.js) and it is sent with `act`; adding such
//   an action changes nothing in the UI; or
// - an item with a screen or a button of its own, run by its entry in `OWN` below by id (the
//   catalogue says which menus list it and where). An id the catalogue lists that `OWN` lacks
//   is not offered (and `tests/locales.rs` fails), and `OWN` has no item the catalogue lacks.
//
// An entry is `{id, label(number), menus, needsPortal, allowed(number), why?, run(number, host)}`:
// - `allowed`: whether the number's state allows it, by the shared table (`allows(id, state)`).
//   An item that is not allowed is hidden, as the menus have always done, unless the entry
//   gives `why(number)`: a text key saying why it is not possible now; the item is then listed,
//   disabled (`aria-disabled`), with that text under its label (FAQ 8, SIM replacement).
// - `run(number, host)`: `host` is what the menu's screen provides: `open(section)` (the
//   profile, at a section or its top), `usage()`, `setBlocked(block)`, `refresh()` (shows the
//   number's fresh data: the profile again, or the list's rows), `notice(key, vars)` (a passing
//   message under the top bar), `go(screen, params)` (opens a screen of its own, Back returns).

import { askOffer } from "./action_dialog.js";
import { blockAction } from "./block.js";
import { DEVICE_ACTIONS } from "./actions/devices.js";
import { FORWARDING_ACTIONS } from "./actions/forwarding.js";
import { PAYMENTS_ACTIONS } from "./actions/payments.js";
import { TRANSFER_ACTIONS } from "./actions/transfer.js";
import { allows, menuCatalogue } from "./number_rules.js";

/** The items with a screen or a button of their own, by id (their menus are the catalogue's). */
export const OWN = new Map([
  { id: "profile", label: () => "menu.profile", allowed: () => true, run: (n, host) => host.open(null) },
  {
    id: "block", needsPortal: true,
    label: (n) => (blockAction(n.state) === "unblock" ? "number.unblock" : "number.block"),
    allowed: (n) => blockAction(n.state) !== null,
    run: (n, host) => host.setBlocked(blockAction(n.state) === "block"),
  },
  ...DEVICE_ACTIONS,
  ...FORWARDING_ACTIONS,
  ...PAYMENTS_ACTIONS,
  { id: "usage", label: () => "menu.usage", allowed: () => true, run: (n, host) => host.usage() },
  { id: "sim", label: () => "menu.sim", allowed: () => true, run: (n, host) => host.open("sim") },
  { id: "allowances", label: () => "number.allowance", allowed: () => true, run: (n, host) => host.open("allowances") },
  { id: "services", label: () => "menu.services", allowed: () => true, run: (n, host) => host.open("services") },
  ...TRANSFER_ACTIONS,
].map((entry) => [entry.id, entry]));

/** The entry of an action's offer: allowed when the table allows any kind it may send. */
function offerEntry(offer) {
  const kinds = offer.ask.type === "toggle" ? [offer.ask.on.kind, offer.ask.off.kind] : [offer.ask.step.kind];
  return {
    id: offer.id, menus: offer.menus, needsPortal: true, label: () => offer.label_key,
    allowed: (n) => kinds.some((kind) => allows(kind, n.state)),
    why: offer.why_key ? () => offer.why_key : undefined,
    run: (n, host) => askOffer(offer, n, host),
  };
}

/** Every item of the catalogue's menus as an entry, in its order. */
function menuEntries() {
  return menuCatalogue().flatMap((item) => {
    if (item.type === "offer") return [offerEntry(item)];
    const own = OWN.get(item.id);
    return own ? [{ ...own, menus: item.menus }] : [];
  });
}

/** The entries a menu lists for a number, in the catalogue's order: allowed, or saying why not. */
export function actionsFor(menu, number) {
  return menuEntries().filter((a) => a.menus.includes(menu) && (a.allowed(number) || a.why));
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
