// The payments report by number (manual: "Payments Report by GSM number"), last in the menus'
// order. It opens the number's payments screen and, online, its Request dialog at once, as the
// manual's item opens the pop-up; the screen also lists the reports kept in the app, which open
// offline, so the item itself does not need the portal.

import { allows } from "../number_rules.js";

export const PAYMENTS_ACTIONS = [
  {
    id: "payments", needsPortal: false,
    label: () => "menu.payments",
    allowed: (n) => allows("payments_report", n.state),
    run: (n, host) => host.go("payments", { msisdn: n.msisdn, ask: true }),
  },
];
