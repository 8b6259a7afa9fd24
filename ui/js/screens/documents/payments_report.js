// "Payments report (beta-mode)" of the company (manual): a period of at most the last three
// months (the shared rule's bounds; an older or later date is refused as it is typed), the
// payments type (credit or advance numbers), the e-mail, and Send. The portal e-mails it; the
// app keeps the file in the library.

import { renderReportTab } from "../../documents/report_tab.js";

export function render(box, ctx) {
  renderReportTab(box, ctx, {
    kind: "payments",
    titleKey: "docs.payments.title",
    textKeys: ["docs.payments.text", "docs.payments.note"],
    period: (bounds) => ({
      ...bounds.payments,
      from: bounds.payments.default_from,
      to: bounds.payments.default_to,
      tooOldKey: "docs.payments.too_old",
    }),
    extraFields: [{
      name: "payment_method",
      type: "select",
      labelKey: "docs.payments.type",
      options: [
        { value: "credit", key: "docs.payments.type_credit" },
        { value: "advance", key: "docs.payments.type_advance" },
      ],
      value: "credit",
    }],
    submitKey: "docs.send",
  });
}
