// "Detailing for the Atlas Pro package" (manual): the package's terms as the manual states
// them, a period of the last twelve months (the shared rule's bounds, refused as typed), the
// e-mail, and Request. The portal e-mails it; the app keeps the file in the library.

import { renderReportTab } from "../../documents/report_tab.js";

export function render(box, ctx) {
  renderReportTab(box, ctx, {
    kind: "atlas_pro",
    titleKey: "docs.atlas.title",
    textKeys: ["docs.atlas.terms", "docs.atlas.add_on"],
    period: (bounds) => ({
      ...bounds.atlas_pro,
      from: bounds.atlas_pro.default_from,
      to: bounds.atlas_pro.default_to,
      tooOldKey: "docs.twelve_months_too_old",
    }),
    submitKey: "docs.request",
  });
}
