// "Reconciliation statement" (manual): the beginning and end of the period (days within the last
// 12 months; last month's after the 3rd, by the shared rule), the file's format (PDF or Excel,
// like the certificate's) and the e-mail, then Send. The
// portal prepares it, e-mails it, and the app keeps the file in the documents library; the
// requested statements are listed below with their state (the shared report tab).

import { renderReportTab } from "../../documents/report_tab.js";
import { lateMonthReason, monthDays } from "../../documents/months.js";

export function render(box, ctx) {
  renderReportTab(box, ctx, {
    kind: "reconciliation",
    titleKey: "docs.tab.reconciliation",
    textKeys: ["docs.recon.esf_text", "docs.recon.text", "docs.recon.past_year", "docs.recon.note", "docs.recon.services_note"],
    submitKey: "docs.send",
    extraFields: [{
      name: "format",
      type: "select",
      labelKey: "docs.recon.format",
      options: [
        { value: "pdf", key: "docs.recon.format_pdf" },
        { value: "xlsx", key: "docs.recon.format_xlsx" },
      ],
      value: "pdf",
    }],
    period: (bounds) => {
      const { first, last } = bounds.reconciliation;
      // The manual's example asks for one month: the latest one available.
      const latest = monthDays(last);
      return {
        from: latest.first,
        to: latest.last,
        earliest: monthDays(first).first,
        latest: latest.last,
        tooOldKey: "docs.recon.too_old",
        // A day after the latest: the month is not over, or its statement not ready yet.
        lateReason: lateMonthReason(bounds.reconciliation),
      };
    },
  });
}
