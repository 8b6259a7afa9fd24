// The payments report of a number (manual: "Payments Report by GSM number"): Request opens the
// manual's pop-up (period within the last three months, default the last month; e-mail, the
// administrator's by default); the portal sends the report there, and the screen shows its
// payments (date, amount, method) and keeps the XLSX in the app. "Saved reports" lists the
// reports kept for this number, each opened again (also offline) with the exports' opener.
//
// The period's bounds come from the shared rule (`payments_period` command), so a date before
// them is refused as it is typed, with the reason; the portal checks the same rule again.

import { api } from "../api.js";
import { alertBox, busy, h, mount } from "../dom.js";
import { formDialog } from "../form.js";
import { counted, formatDate, formatDateTime, formatDateTimeKz, formatMoney, formatNumber, formatPhone } from "../format.js";
import { fileButtons, showSaved } from "../documents/saved.js";
import { onLanguage, setText, t } from "../i18n.js";
import { periodChecks } from "../period_checks.js";
import { store } from "../store.js";

/** Shows one company's number: switching company leaves it (see main.js). */
export const belongsToCompany = true;

/** The manual's pop-up; resolves the portal's answer (`{report, saved}`), or null if cancelled. */
function askReport(msisdn, bounds, email) {
  const check = periodChecks(bounds, "payments.too_old", "payments.future");
  return formDialog({
    id: "payments-dialog",
    titleKey: "payments.title",
    subject: formatPhone(msisdn),
    messageKey: "payments.message",
    fields: [
      { name: "from", type: "date", labelKey: "payments.from", hintKey: "payments.from_hint", value: bounds.default_from, live: true, check: check.from },
      { name: "to", type: "date", labelKey: "payments.to", value: bounds.default_to, live: true, check: check.to },
      { name: "email", labelKey: "payments.email", value: email ?? "", inputProps: { i18nPlaceholder: "payments.email_placeholder", autocomplete: "email" },
        check: (v) => (v ? null : "check.email_required") },
    ],
    confirmKey: "payments.request",
    submit: (v) => api.payments_report_request({ msisdn, from: v.from, to: v.to, email: v.email }),
  });
}

function channel(c) {
  const key = `payments.channel_${c}`;
  const text = t(key);
  return text === key ? c : text; // a channel this version does not know: as the portal sent it
}

function sizeText(bytes) {
  return t("payments.size_kb", { n: formatNumber(bytes / 1024, { maximumFractionDigits: 1 }) });
}

export function render(view, ctx, params) {
  const msisdn = params.msisdn;
  const status = alertBox("payments-status");
  const request = h("button", { class: "primary", type: "button", id: "payments-request", i18n: "payments.request_open", "data-needs-portal": true });
  const result = h("div", { id: "payments-result", hidden: true });
  const exported = alertBox("payments-exported");
  const saved = h("div", { id: "payments-saved" });
  const backToList = ctx.previous()?.name !== "number";
  view.append(h("section", { class: "wide", id: "screen-payments", "data-msisdn": msisdn },
    h("div", { class: "row" }, h("button", { class: "link", id: "payments-back", i18n: backToList ? "number.back" : "usage.back", onclick: () => ctx.back() })),
    h("h1", {}, h("span", { i18n: "payments.title" }), " ", formatPhone(msisdn)),
    h("p", { class: "note", id: "payments-note", i18n: "payments.note" }),
    h("div", { class: "row" }, request),
    status, exported, result,
    h("h2", { i18n: "payments.saved" }),
    saved));
  ctx.applyConnection();

  let shown = null;
  /** Shows a report's payments: when and where it was sent, the total, and the table. */
  const showReport = (report) => {
    shown = report;
    const sent = setText(h("p", { id: "payments-sent" }), "payments.sent",
      { email: report.email, time: formatDateTimeKz(report.sent_at), from: formatDate(report.from), to: formatDate(report.to) });
    mount(result,
      sent,
      h("p", { id: "payments-total", text: t("payments.total", { count: counted(report.payments.length), total: formatMoney(report.total) }) }),
      h("p", { class: "hint", i18n: "time.kz_note" }),
      report.payments.length === 0 ? h("p", { class: "hint", id: "payments-none", i18n: "payments.none" }) :
        h("table", { id: "payments-table" },
          h("thead", {}, h("tr", {}, [["payments.when"], ["payments.amount", "num"], ["payments.method"], ["payments.reference"]]
            .map(([k, cls]) => h("th", { i18n: k, class: cls })))),
          h("tbody", {}, report.payments.map((p) => h("tr", {},
            h("td", { text: formatDateTime(p.at) }),
            h("td", { class: "num", text: formatMoney(p.amount) }),
            h("td", { text: channel(p.channel) }),
            h("td", { text: p.reference }))))));
    result.hidden = false;
  };

  /** Shows a kept report's payments again (offline too), with its file's Open and Save as…. */
  const showSavedReport = (doc, button) => busy(button, async () => {
    status.clear();
    try {
      const report = await api.payments_saved_report({ id: doc.id });
      showSaved(exported, doc);
      if (report) showReport(report);
    } catch (err) {
      status.showError(err);
    }
  });

  let savedDocs = null;
  const loadSaved = async () => {
    try {
      savedDocs = await api.payments_saved({ msisdn });
      showSavedList();
    } catch (err) {
      savedDocs = null;
      mount(saved, h("p", { class: "hint", text: err.message }));
    }
  };
  /** The saved reports read last, in the language shown. */
  const showSavedList = () => {
    const docs = savedDocs;
    if (docs === null) return;
    if (docs.length === 0) { mount(saved, h("p", { class: "hint", id: "payments-saved-none", i18n: "payments.saved_none" })); return; }
    mount(saved, h("table", { id: "payments-saved-table" },
      h("thead", {}, h("tr", {}, [["payments.saved_period"], ["payments.saved_at"], ["payments.saved_file"], ["payments.saved_size", "num"], [null]]
        .map(([k, cls]) => h("th", { i18n: k ?? undefined, class: cls })))),
      h("tbody", {}, docs.map((doc) => {
        const show = h("button", { class: "link payments-show", type: "button", i18n: "payments.show" });
        show.addEventListener("click", () => showSavedReport(doc, show));
        return h("tr", { "data-document": doc.id },
          h("td", { text: `${formatDate(doc.period_from)} — ${formatDate(doc.period_to)}` }),
          h("td", { text: formatDateTime(doc.created_at) }),
          h("td", { class: "file-name", text: doc.file_name }),
          h("td", { class: "num", text: sizeText(doc.size) }),
          h("td", {}, h("div", { class: "doc-actions" }, show, fileButtons(doc, status))));
      }))));
  };

  const bounds = api.payments_period();
  const ask = () => busy(request, async () => {
    status.clear();
    try {
      const sent = await askReport(msisdn, await bounds, store.get("profile")?.email);
      if (!sent) return;
      exported.hidden = true;
      showReport(sent.report);
      status.showKey("success", "payments.saved_as", { file: sent.saved.file_name });
      await loadSaved();
    } catch (err) {
      status.showError(err);
    }
  });
  request.addEventListener("click", ask);

  // Dates, money and methods are written in the language: drawn again from what was read when it changes.
  onLanguage(result, () => {
    if (shown) showReport(shown);
    showSavedList();
  });

  loadSaved();
  // Opened from a menu: the manual's pop-up at once. Once only: Back and Forward to this screen
  // show it without the pop-up (the router keeps these params).
  if (params.ask && store.get("online")) {
    params.ask = false;
    ask();
  }
}
