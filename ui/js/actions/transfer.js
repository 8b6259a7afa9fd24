// "Balance transfer" in a number's menus (the list's row and the profile's "…"): opens the
// Balance transfer tab with the number as the sender. Offered where the shared table lets the
// number give (`transfer_from`: Active only); on any other state listed disabled, saying why
// (like SIM replacement), so the user learns the rule instead of missing the item.

import { allows } from "../number_rules.js";

export const TRANSFER_ACTIONS = [
  {
    id: "transfer", needsPortal: true, label: () => "menu.transfer",
    allowed: (n) => allows("transfer", n.state),
    why: () => "transfer.why_not",
    run: (n, host) => host.go("transfer", { from: n.msisdn }),
  },
];
