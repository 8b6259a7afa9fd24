// The pairs of a bulk SIM replacement: each number with its OWN new SIM card (ICCID), a line
// "number ICCID" (or "number;ICCID", "number,ICCID"), typed or pasted, or imported from a CSV or
// XLSX with those two columns (read by core, `bulk_pair_lines`). The selected numbers are
// written in first, one a line, so only the ICCIDs are left to add. What a line must be is
// core's (the number read like the list's search, the ICCID by the protocol's rule), shown per
// line by the preview; here only "write something" is checked, by the form module.

import { api } from "../../api.js";
import { h } from "../../dom.js";
import { formFields } from "../../form.js";
import { formatPhone } from "../../format.js";

/**
 * The pairs field: `{element, lines(), check(), showError(err), onInput(fn)}`; `numbers` (the
 * selected numbers, when typed ones) are written in first.
 */
export function pairsField(numbers) {
  let textarea = null;
  const build = (attrs) => {
    textarea = h("textarea", { ...attrs, rows: 6, spellcheck: "false", autocomplete: "off", class: "bulk-pairs" });
    return { input: textarea, control: textarea, value: () => textarea.value.trim() };
  };
  const file = h("input", { type: "file", id: "bulk-pairs-file", accept: ".csv,.txt,.xlsx,.xls,.ods", hidden: true });
  const importButton = h("button", { type: "button", class: "secondary", id: "bulk-pairs-import", i18n: "bulk.pairs_file", onclick: () => file.click() });
  const fields = formFields("bulk-pairs", [{
    name: "pairs", labelKey: "bulk.pairs", hintKey: "bulk.pairs_hint", build,
    check: (value) => (value ? null : "bulk.pairs_empty"),
  }], { alertId: "bulk-pairs-alert" });
  if (numbers?.length) textarea.value = numbers.map((n) => `${formatPhone(n)} `).join("\n");
  const listeners = [];
  const changed = () => listeners.forEach((fn) => fn());
  textarea.addEventListener("input", changed);

  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    file.value = "";
    if (!chosen) return;
    fields.clearErrors();
    try {
      const bytes = Array.from(new Uint8Array(await chosen.arrayBuffer()));
      const lines = await api.bulk_pair_lines({ name: chosen.name, bytes });
      textarea.value = lines.join("\n");
      changed();
    } catch (err) {
      fields.showError("pairs", () => err.message ?? String(err));
    }
  });

  const element = h("div", { class: "bulk-pairs-field", hidden: true }, ...fields.rows, h("div", { class: "row" }, importButton, file), fields.alert);
  return {
    element,
    /** The lines as written (core reads them). */
    lines: () => textarea.value.split("\n"),
    /** Marks the field when it is empty; whether it is not. */
    check: () => fields.check() !== null,
    /** Shows a refusal that names the pairs under the field. */
    showError: (answer) => fields.showError("pairs", answer),
    clear: () => fields.clearErrors(),
    onInput: (fn) => listeners.push(fn),
  };
}
