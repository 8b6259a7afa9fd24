// "Import breakdown files…": the charges breakdown XLSX files the portal made (the certificate's
// workbook with Appendix 1), chosen in the native dialog (several at once; the command opens it
// from Rust) and imported into Spend's cache. Each file's outcome is listed: its month, account,
// numbers and total, or why it is not a breakdown. Mounted by the Spend screen.

import { api } from "../../api.js";
import { alertBox, busy, h } from "../../dom.js";
import { bindText, errorText, t } from "../../i18n.js";
import { formatMoney, formatMonthName } from "../../format.js";

/** The text of one file's refusal: what the file lacks, else the error's own text. */
function refusalText(file, err) {
  const missing = err?.params?.missing;
  if (err?.reason === "not_a_breakdown" && missing) {
    return t("spend_import.refused", { file, what: t(`spend_import.missing.${missing}`, err.params) });
  }
  return t("spend_import.failed", { file, error: errorText(err) });
}

/** The text of one file imported. */
function importedText(done) {
  const month = `${formatMonthName(done.month.month)} ${done.month.year}`;
  const text = t("spend_import.imported", {
    file: done.file, month, account: done.account, numbers: done.numbers, total: formatMoney(done.total),
  });
  return done.not_in_company > 0 ? `${text} ${t("spend_import.not_in_company", { n: done.not_in_company })}` : text;
}

/**
 * A button that imports breakdown files into `company`'s charges (an id or `{id}`), and the
 * outcomes it lists (`results`, placed by the screen under its toolbar); `onImported(outcomes)`
 * is called when at least one file was imported. `ctx` is the screen's context (unused here, kept
 * for the screens' common shape).
 */
export function breakdownImportButton(ctx, company, onImported) {
  const companyId = typeof company === "object" ? company.id : company;
  const status = alertBox("spend-import-status");
  const list = h("ul", { id: "spend-import-results", class: "import-results", hidden: true });
  const button = h("button", { type: "button", id: "spend-import", class: "secondary", i18n: "spend_import.button" });
  button.addEventListener("click", () => busy(button, async () => {
    status.clear();
    let outcomes;
    try {
      outcomes = await api.spend_import_pick({ company_id: companyId });
    } catch (err) {
      status.showError(err);
      return;
    }
    if (!outcomes.length) return;
    list.replaceChildren(...outcomes.map((o) => {
      const item = h("li", { class: o.error ? "error" : "ok" });
      bindText(item, () => (o.error ? refusalText(o.file, o.error) : importedText(o.imported)));
      return item;
    }));
    list.hidden = false;
    const done = outcomes.filter((o) => o.imported).length;
    status.showKey(done === outcomes.length ? "success" : "error", "spend_import.summary", { done, total: outcomes.length });
    if (done > 0) onImported?.(outcomes);
  }));
  return { button, results: h("div", { class: "spend-import" }, status, list) };
}
