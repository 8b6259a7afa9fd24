// The numbers behind one figure of Spend (a month's total, a cost centre, a department, a tariff
// or a service, in one month or over all the months shown): each number with its part of the
// figure, largest first, adding up to it; a number leads to its profile. Read from the cache,
// so it works offline as the overview does.

import { api } from "../../api.js";
import { alertBox, h } from "../../dom.js";
import { bindText, onLanguage, setText, t } from "../../i18n.js";
import { formatMonthYear, formatMoney, formatPhone } from "../../format.js";
import { store } from "../../store.js";
import { groupName } from "./sections.js";

/** What the figure is, in words: "Cost centre CC-200 Sales · October 2026" (`name`: a cost centre's). */
export function figureTitle(figure, name) {
  const what = figure.dimension === null ? t("spend.behind.total")
    : t(`spend.behind.${figure.dimension}`, { name: groupName(figure.dimension, { key: figure.key, name }) });
  const when = figure.month ? formatMonthYear(figure.month) : t("spend.behind.all_months");
  return `${what} · ${when}`;
}

/** Draws the numbers behind `figure` (its `name` as the overview showed it) into `box`. */
export async function renderBehind(box, ctx, figure, name) {
  const basis = store.get("spendBasis");
  const status = alertBox("spend-behind-status");
  const body = h("tbody");
  const foot = h("tfoot");
  box.append(h("section", { class: "spend-behind", id: "spend-behind" },
    h("div", { class: "row" }, h("button", { type: "button", class: "link", id: "spend-behind-back", i18n: "spend.behind.back",
      onclick: () => ctx.back() })),
    bindText(h("h2", { id: "spend-behind-title" }), () => figureTitle(figure, name)),
    status,
    h("div", { class: "spend-table-box", tabindex: "0", role: "region", "aria-labelledby": "spend-behind-title" },
      h("table", { class: "spend-table", id: "spend-behind-table" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col", i18n: "spend.col.number" }),
          h("th", { scope: "col", i18n: "spend.col.employee" }),
          h("th", { scope: "col", i18n: "spend.col.tariff" }),
          h("th", { scope: "col", i18n: "spend.col.account" }),
          h("th", { scope: "col", class: "num", i18n: "spend.col.net" }),
          h("th", { scope: "col", class: "num", i18n: "spend.col.vat" }),
          h("th", { scope: "col", class: "num", i18n: "spend.col.total" }))),
        body, foot))));
  let numbers;
  try {
    numbers = await api.spend_behind({ company_id: store.get("companyId"), figure, basis });
  } catch (err) {
    status.showError(err);
    return;
  }
  const money = (tiyn) => h("td", { class: "num", text: formatMoney(tiyn) });
  const sum = (k) => numbers.reduce((s, n) => s + n.amounts[k], 0);
  // Drawn from the numbers read, and again in a new language (money is worded by it).
  const draw = () => {
    body.replaceChildren(...numbers.map((n) => h("tr", { "data-msisdn": n.msisdn },
      h("th", { scope: "row" }, h("button", { type: "button", class: "link spend-number", "data-msisdn": n.msisdn,
        onclick: () => ctx.go("number", { msisdn: n.msisdn }) }, formatPhone(n.msisdn))),
      h("td", { text: n.employee || "—" }),
      h("td", { text: n.tariff }),
      h("td", { text: n.account }),
      money(n.amounts.net), money(n.amounts.vat), money(n.amounts.total))));
    foot.replaceChildren(h("tr", {},
      setText(h("th", { scope: "row", colspan: "4" }), "spend.behind.count", { count: numbers.length }),
      money(sum("net")), money(sum("vat")), money(sum("total"))));
  };
  draw();
  onLanguage(body, draw);
  if (!numbers.length) status.showKey("info", "spend.behind.none");
}
