// "List of numbers report" (manual): the e-mail to send it to, and Request. The portal
// prepares it (it may take time) and sends it; the app keeps the file in the library.

import { renderReportTab } from "../../documents/report_tab.js";

export function render(box, ctx) {
  renderReportTab(box, ctx, {
    kind: "numbers",
    titleKey: "docs.tab.numbers_report",
    textKeys: ["docs.numbers.text", "docs.numbers.sent"],
    submitKey: "docs.request",
  });
}
