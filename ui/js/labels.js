// Who uses each number (employee, department, cost centre, tags): the profile's section and its
// edit, the edit of the list's selection, the import of a file (previewed, then applied) and the
// Undo that follows each change. Labels live in the local cache only (core `labels/`): they are
// never sent to the portal, so every control here works offline too.
//
// The values' rule is core's (`number_label.rs`): a refusal names its field and carries
// `params.rule`, worded here in the user's language (`labels.rule.<rule>`). Departments and cost
// centres are picked from the ones already used (a datalist) or typed.

import { api } from "./api.js";
import { alertBox, h, mount } from "./dom.js";
import { formDialog } from "./form.js";
import { counted, formatCount, formatPhone } from "./format.js";
import { bindText, errorText, t } from "./i18n.js";

/** A rule of core's (`labels.rule.<rule>`) in the user's language; a rule this version does not know is said generally. */
function ruleText(rule, params = {}) {
  const key = `labels.rule.${rule}`;
  return t(key, params) === key ? t("err.invalid_input") : t(key, params);
}

/** A refusal of a label's value in the user's language: its rule when core names one. */
export function labelErrorText(err) {
  const rule = err?.params?.rule;
  return rule ? ruleText(rule, err.params) : errorText(err);
}

const tagsText = (tags) => (tags ?? []).join(", ");
const splitTags = (text) => text.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
const costCentreText = (c) => [c?.code, c?.name].filter(Boolean).join(" — ");

/** A datalist of `values` with id `id`, for a text field's `list` attribute. */
function datalist(id, values) {
  return h("datalist", { id }, ...values.map((v) => h("option", { value: v })));
}

/** The fields of a label's form; `keep` (editing several numbers) hints that blank keeps. */
function labelFields(prefix, label, choices, keep) {
  const hint = keep ? "labels.keep_hint" : undefined;
  const list = (name, values) => ({ list: `${prefix}-${name}-choices`, autocomplete: "off", "data-choices": values.length });
  return [
    { name: "employee", labelKey: "labels.employee", value: label.employee ?? "", hintKey: hint, inputProps: { maxlength: 100, autocomplete: "off" } },
    { name: "department", labelKey: "labels.department", value: label.department ?? "", hintKey: hint,
      inputProps: { maxlength: 100, ...list("department", choices.departments) },
      beside: [datalist(`${prefix}-department-choices`, choices.departments)] },
    { name: "cost_centre_code", labelKey: "labels.cost_centre_code", value: label.cost_centre?.code ?? "", hintKey: hint,
      inputProps: { maxlength: 32, ...list("cost_centre_code", choices.cost_centres) },
      beside: [datalist(`${prefix}-cost_centre_code-choices`, choices.cost_centres.map((c) => c.code))] },
    { name: "cost_centre_name", labelKey: "labels.cost_centre_name", value: label.cost_centre?.name ?? "", hintKey: hint,
      inputProps: { maxlength: 100 } },
  ];
}

/** The name of a cost centre already used with `code`, to fill in when the user picks a code. */
function nameOf(choices, code) {
  return choices.cost_centres.find((c) => c.code === code)?.name;
}

/** Fills the cost centre's name in when a known code is picked, unless one is typed already. */
function followCode(dialogId, choices) {
  const code = document.getElementById(`${dialogId}-cost_centre_code`);
  const name = document.getElementById(`${dialogId}-cost_centre_name`);
  code?.addEventListener("change", () => {
    const known = nameOf(choices, code.value.trim());
    if (known && name && !name.value.trim()) name.value = known;
  });
}

/**
 * The profile's "Who uses it" section of number `msisdn` in company `companyId`: the values, and
 * Edit. Read from the cache, so it shows offline as well.
 */
export async function renderLabels(section, companyId, msisdn, notice) {
  let label;
  try {
    label = await api.labels_get({ company_id: companyId, msisdn });
  } catch (err) {
    const box = alertBox("number-labels-error");
    box.showError(err);
    mount(section, h("h2", { i18n: "labels.title" }), box);
    return;
  }
  const value = (id, text) => {
    const el = h("div", { class: "value", id });
    if (text) el.textContent = text;
    else bindText(el, () => t("labels.none"));
    return el;
  };
  const edit = h("button", { class: "secondary", id: "labels-edit", i18n: "labels.edit",
    onclick: async () => {
      const changed = await editNumber(companyId, msisdn, label);
      if (changed) {
        await renderLabels(section, companyId, msisdn, notice);
        notice?.(changed);
      }
    } });
  mount(section,
    h("div", { class: "row" }, h("h2", { i18n: "labels.title" }), h("span", { class: "spacer" }), edit),
    h("p", { class: "hint", i18n: "labels.local_only" }),
    h("div", { class: "kv" },
      h("div", {}, h("div", { class: "label", i18n: "labels.employee" }), value("labels-employee", label.employee)),
      h("div", {}, h("div", { class: "label", i18n: "labels.department" }), value("labels-department", label.department)),
      h("div", {}, h("div", { class: "label", i18n: "labels.cost_centre" }), value("labels-cost-centre", costCentreText(label.cost_centre))),
      h("div", {}, h("div", { class: "label", i18n: "labels.tags" }), value("labels-tags", tagsText(label.tags)))));
}

/** The edit of one number's label; resolves the label saved, or null when cancelled. */
async function editNumber(companyId, msisdn, label) {
  const choices = await api.labels_choices({ company_id: companyId });
  const id = "labels-dialog";
  const fields = [
    ...labelFields(id, label, choices, false),
    { name: "tags", labelKey: "labels.tags", hintKey: "labels.tags_hint", value: tagsText(label.tags),
      inputProps: { autocomplete: "off" } },
  ];
  const shown = formDialog({
    id, titleKey: "labels.edit_title", subject: formatPhone(msisdn), fields, confirmKey: "labels.save", errorText: labelErrorText,
    submit: (v) => api.labels_set({ company_id: companyId, msisdn, label: {
      employee: v.employee, department: v.department,
      cost_centre: { code: v.cost_centre_code, name: v.cost_centre_name }, tags: splitTags(v.tags) } }),
  });
  followCode(id, choices);
  return shown;
}

/**
 * The edit of several numbers at once (the list's selection): a value typed replaces each
 * number's, a blank one keeps it; tags are added and taken off. Resolves the change (with its
 * id, for Undo), or null when cancelled.
 */
export async function editSelection(companyId, msisdns) {
  const choices = await api.labels_choices({ company_id: companyId });
  const id = "labels-selection-dialog";
  const fields = [
    ...labelFields(id, {}, choices, true),
    { name: "add_tags", labelKey: "labels.add_tags", hintKey: "labels.tags_hint", inputProps: { autocomplete: "off" } },
    { name: "remove_tags", labelKey: "labels.remove_tags", hintKey: "labels.tags_hint", inputProps: { autocomplete: "off" } },
  ];
  const given = (text) => (text.trim() ? text : null);
  const shown = formDialog({
    id, titleKey: "labels.edit_selection_title", message: () => t("labels.edit_selection_message", { count: counted(msisdns.length) }),
    fields, confirmKey: "labels.save", errorText: labelErrorText,
    submit: (v) => api.labels_edit({ company_id: companyId, msisdns, edit: {
      employee: given(v.employee), department: given(v.department),
      cost_centre: given(v.cost_centre_code) ? { code: v.cost_centre_code, name: v.cost_centre_name } : null,
      add_tags: splitTags(v.add_tags), remove_tags: splitTags(v.remove_tags) } }),
  });
  followCode(id, choices);
  return shown;
}

/**
 * A file input for a labels file and the button that opens it: the input stays in the page (out
 * of sight, not `display: none`) so keyboard, screen readers and tests reach it; `onFile(file)`
 * gets the file picked.
 */
export function fileChooser(onFile) {
  const input = h("input", { type: "file", id: "labels-import-file", class: "file-input", accept: ".xlsx,.csv,.txt", tabindex: -1,
    "aria-hidden": "true" });
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (file) await onFile(file);
    input.value = "";
  });
  const button = h("button", { type: "button", class: "secondary", id: "numbers-import-labels", i18n: "labels.import",
    onclick: () => input.click() });
  return { input, button };
}

/** The preview's problem lines, at most `limit` of them, each with its line and reason. */
function problems(plan, limit = 50) {
  const rows = plan.rows.filter((r) => r.outcome === "unknown" || r.outcome === "malformed").slice(0, limit);
  if (rows.length === 0) return null;
  const more = plan.unknown + plan.malformed - rows.length;
  const moreLine = more > 0
    ? bindText(h("li", { class: "hint", id: "labels-import-more" }), () => t("labels.import_more", { count: counted(more) }))
    : null;
  return h("ul", { class: "labels-problems", id: "labels-import-problems" },
    ...rows.map((r) => bindText(h("li", { "data-line": r.line }), () => r.outcome === "unknown"
      ? t("labels.import_unknown", { line: r.line, number: r.written })
      : t("labels.import_malformed", { line: r.line, field: t(`labels.field.${r.field}`), reason: ruleText(r.rule, r.params) }))),
    moreLine);
}

/**
 * Imports the labels file `picked` (a File) into company `companyId`: the preview says what it
 * changes (and which lines it cannot use), Apply writes it in one change. Resolves the change,
 * or null when nothing was applied.
 */
export async function importLabels(companyId, status, picked) {
  const file = { name: picked.name, bytes: Array.from(new Uint8Array(await picked.arrayBuffer())) };
  let plan;
  try {
    plan = await api.labels_import_preview({ company_id: companyId, bytes: file.bytes });
  } catch (err) {
    status.showError(err);
    return null;
  }
  const summary = () => t("labels.import_summary", {
    changed: formatCount(plan.changed), unchanged: formatCount(plan.unchanged),
    unknown: formatCount(plan.unknown), malformed: formatCount(plan.malformed) });
  if (plan.changed === 0) {
    status.showBound("info", () => `${summary()} ${t("labels.import_nothing")}`);
    return null;
  }
  const applied = await formDialog({
    id: "labels-import-dialog", titleKey: "labels.import_title", subject: file.name, message: summary,
    confirmKey: "labels.import_apply", errorText: labelErrorText,
    fields: [{ name: "problems", labelKey: "labels.import_problems", build: () => {
      const list = problems(plan) ?? h("p", { class: "hint", i18n: "labels.import_no_problems" });
      return { input: list, control: list, value: () => "" };
    } }],
    submit: () => api.labels_import_apply({ company_id: companyId, bytes: file.bytes, file_name: file.name, digest: plan.digest }),
  });
  return applied;
}

/**
 * Says in `box` (an element of the screen) that labels of `change.numbers` numbers changed, with
 * its Undo; `after` runs once it is undone (the screen reads the labels again).
 */
export function undoNotice(box, companyId, change, after) {
  const text = bindText(h("span", { id: "labels-changed" }), () => t("labels.changed", { count: counted(change.numbers) }));
  const undo = h("button", { type: "button", class: "link", id: "labels-undo", i18n: "labels.undo", onclick: async () => {
    undo.disabled = true;
    try {
      const restored = await api.labels_undo({ company_id: companyId, change_id: change.id });
      bindText(text, () => t("labels.undone", { count: counted(restored) }));
      undo.remove();
      after?.();
    } catch (err) {
      bindText(text, () => errorText(err));
      undo.disabled = false;
    }
  } });
  box.className = "alert success";
  box.hidden = false;
  box.replaceChildren(text, " ", undo);
}
