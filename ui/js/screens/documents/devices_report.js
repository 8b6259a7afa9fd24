// "Registered devices report (beta-mode)" (manual): the e-mail to send it to, and Request. The
// portal prepares the report (the data as of its date) and e-mails it; the app keeps the file
// in the library.

import { renderReportTab } from "../../documents/report_tab.js";

export function render(box, ctx) {
  renderReportTab(box, ctx, {
    kind: "devices",
    titleKey: "docs.devices.title",
    textKeys: ["docs.devices.text"],
    submitKey: "docs.request",
  });
}
