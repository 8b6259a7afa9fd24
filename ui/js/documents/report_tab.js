// A sub-tab of a report the portal prepares and e-mails (list of numbers, registered devices,
// payments, Atlas Pro, reconciliation): the manual's texts, a form (the period when the report
// has one, checked against the shared rule's bounds as it is typed; the payments type; the
// e-mail, the administrator's by default), and below it the reports asked for, each with its
// state as the watcher follows it, and its file in the library once it is ready.

import { api } from "../api.js";
import { alertBox, h, mount } from "../dom.js";
import { screenForm } from "../form.js";
import { formatDate, formatDateTime } from "../format.js";
import { onRequestChanged } from "../requests.js";
import { bindText, errorText, onLanguage, t } from "../i18n.js";
import { fileButtons } from "./saved.js";
import { periodChecks } from "../period_checks.js";
import { store } from "../store.js";

/** The state of a requested report, in words. */
function stateText(entry) {
  const { record } = entry;
  if (record.state === "in_process") return t("docs.state_in_process");
  if (record.state === "failed") return record.error ? errorText(record.error) : t("docs.state_failed");
  if (record.state === "done") return entry.document ? t("docs.state_ready") : t("docs.state_no_file");
  return record.state; // a state this version does not know: as the portal sent it
}

function periodText(request) {
  return request?.from && request?.to ? `${formatDate(request.from)} — ${formatDate(request.to)}` : "—";
}

/**
 * Draws the sub-tab into `box`.
 * - `kind`: the report's kind (`numbers`, `devices`, `payments`, `atlas_pro`, `reconciliation`);
 * - `titleKey`, `textKeys`: the manual's title and paragraphs;
 * - `period`: `(bounds) => {from, to, earliest, latest, tooOldKey}` for the kinds with a period;
 * - `extraFields`: more fields (the payments type), whose values go into the request;
 * - `submitKey`: "Request" or "Send", as the manual has it.
 */
export function renderReportTab(box, ctx, { kind, titleKey, textKeys = [], period, extraFields = [], submitKey = "docs.request" }) {
  const status = alertBox(`${kind}-report-status`);
  const requested = h("div", { id: `${kind}-requested` });
  const formBox = h("div");
  mount(box,
    h("h2", { i18n: titleKey }),
    textKeys.map((key) => h("p", { class: key.endsWith("note") ? "note" : undefined, i18n: key })),
    formBox, status,
    h("h3", { i18n: "docs.requested" }),
    requested);

  const loadRequested = async () => {
    try {
      showRequested(await api.reports_requested({ company_id: store.get("companyId"), kinds: [kind] }));
    } catch (err) {
      onLanguage(requested, null);
      mount(requested, bindText(h("p", { class: "hint" }), () => errorText(err)));
    }
  };
  /** Draws the reports asked for; again from them when the language changes (states, dates). */
  const showRequested = (list) => {
    onLanguage(requested, () => showRequested(list));
    if (list.length === 0) { mount(requested, h("p", { class: "hint", i18n: "docs.requested_none" })); return; }
    mount(requested, h("table", { class: "requested-reports" },
      h("thead", {}, h("tr", {}, ["docs.asked_at", "docs.period", "docs.email", "docs.state", null].map((k) => h("th", { i18n: k ?? undefined })))),
      h("tbody", {}, list.map((entry) => h("tr", { "data-request": entry.record.id, "data-state": entry.record.state },
        h("td", { text: formatDateTime(entry.record.created_at) }),
        h("td", { text: periodText(entry.request) }),
        h("td", { text: entry.request?.email ?? "" }),
        h("td", { class: `request-state state-${entry.record.state}`, text: stateText(entry) }),
        h("td", {}, entry.document ? h("div", { class: "doc-actions" }, fileButtons(entry.document, status)) : null))))));
  };
  // A report of this screen changed (ready, failed): the list follows, without polling.
  onRequestChanged(requested, (record) => { if (record.kind === "report") loadRequested(); });

  const draw = async () => {
    const bounds = period ? period(await api.report_bounds()) : null;
    const check = bounds ? periodChecks(bounds, bounds.tooOldKey) : null;
    const fields = [
      ...(bounds ? [
        { name: "from", type: "date", labelKey: "docs.from", value: bounds.from, live: true, check: check.from },
        { name: "to", type: "date", labelKey: "docs.to", value: bounds.to, live: true, check: check.to },
      ] : []),
      ...extraFields,
      { name: "email", labelKey: "docs.email", value: store.get("profile")?.email ?? "", inputProps: { i18nPlaceholder: "docs.email_placeholder", autocomplete: "email" },
        check: (v) => (v ? null : "check.email_required") },
    ];
    const { form } = screenForm({
      id: `${kind}-report-form`,
      fields,
      submitKey,
      submit: (v) => {
        const { from, to, email, ...extra } = v;
        return api.report_request({ company_id: store.get("companyId"), request: { kind, email, ...(bounds ? { from, to } : {}), ...extra } });
      },
      onDone: () => {
        status.showKey("info", "docs.report_requested");
        loadRequested();
      },
    });
    if (bounds) form.prepend(h("p", { class: "hint", i18n: "time.kz_note" }));
    mount(formBox, form);
    ctx.applyConnection();
  };
  draw().catch((err) => status.showError(err));
  loadRequested();
}
