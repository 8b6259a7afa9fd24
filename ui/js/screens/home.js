// The selected company: its names, BIN and numbers at a glance, with the time the figures
// were fetched ("as of ...") when they come from the offline cache.

import { formatCount, formatDateTime, h } from "../dom.js";
import { t } from "../i18n.js";

export const rerenderOnLanguage = true;

function fact(labelKey, value, testId) {
  return h("div", { class: "fact" }, h("div", { class: "label", i18n: labelKey }), h("div", { class: "value", "data-testid": testId, text: value }));
}

export function render(view, ctx) {
  const company = ctx.companies.find((c) => c.id === ctx.companyId);
  if (!company) {
    view.append(h("section", { class: "card wide", id: "screen-home" }, h("p", { i18n: "home.none" })));
    return;
  }
  const fetched = ctx.companiesFetched;
  view.append(h("section", { class: "card wide", id: "screen-home", "data-company-id": company.id },
    h("p", { class: "subtitle", i18n: "home.title" }),
    h("h1", { id: "company-title", text: company.display_name }),
    h("table", {},
      h("tr", {}, h("th", { i18n: "home.legal_name" }), h("td", { id: "company-name", text: company.name })),
      h("tr", {}, h("th", { i18n: "home.bin" }), h("td", { id: "company-bin", text: company.bin }))),
    h("div", { class: "facts" },
      fact("home.numbers_total", formatCount(company.numbers_total), "numbers-total"),
      fact("home.numbers_active", formatCount(company.numbers_active), "numbers-active"),
      fact("home.numbers_blocked", formatCount(company.numbers_blocked), "numbers-blocked")),
    fetched?.offline
      ? h("p", { class: "asof", id: "company-as-of", text: t("home.as_of", { time: formatDateTime(fetched.fetched_at) }) })
      : null));
}
