// Bulk actions: one action on the numbers selected in the list (screens/numbers/selection.js).
// The steps, on one screen:
// 1. choose the action (none is chosen at first: Block is destructive, and a default would be
//    run by a user who only meant to look), and for a service the service, from the catalogue
//    of a selected number: its activated and available services;
// 2. Preview: core checks every number (another company's, a duplicate, the shared state ×
//    action rules on the cached state) and asks the portal about the rest in one request; the
//    run is kept in the cache with one idempotency key per number. The counts (will run,
//    skipped by reason) and a paged table say what will happen to each number; when the portal
//    could not check (offline, or a portal without the check) the preview says which;
// 3. Run, after a confirmation that says how many numbers (destructive: the focus starts on
//    Cancel); a progress bar follows `bulk-progress` (bulk_progress.js); Cancel stops between
//    numbers (a Cancel that came when every number was already sent stopped nothing: the run
//    finishes, and the screen says so); Pause stops between numbers too, and Resume goes on;
//    SIM replacement takes each number with its own new SIM (pairs, bulk/pairs.js);
// 4. the result: a row per number (done, failed with the reason, skipped, cancelled), Export to
//    Excel (into the documents library), Resume for a paused or cancelled run.
//
// Params: `{companyId, selection, count}` for a new run, or `{companyId, runId}` for one kept
// in the cache (a paused run offered on the numbers tab).

import { api } from "../api.js";
import { onBulkProgress } from "../bulk_progress.js";
import { alertBox, h } from "../dom.js";
import { formDialog } from "../form.js";
import { counted, formatCount } from "../format.js";
import { errorText, localized, onLanguage, setText, t } from "../i18n.js";
import { bulkChoices } from "../number_rules.js";
import { showSaved } from "../documents/saved.js";
import { actionOf, actionText, choiceOf } from "./bulk/actions.js";
import { itemsTable, skippedByReason } from "./bulk/items.js";
import { pairsField } from "./bulk/pairs.js";
import { onRequestChanged } from "../requests.js";

/** Shows one company's run: switching company leaves it. */
export const belongsToCompany = true;

/** A text element kept translated (i18n.js `setText`). */
const text = setText;

/** "about 2 min left", "12 s left"; nothing when there is no estimate yet. */
function etaVars(seconds) {
  if (seconds === null || seconds === undefined) return null;
  return seconds < 90 ? ["bulk.eta_s", { seconds: formatCount(Math.max(1, seconds)) }] : ["bulk.eta_min", { minutes: formatCount(Math.round(seconds / 60)) }];
}

export function render(view, ctx, params = {}) {
  const companyId = params.companyId ?? ctx.companyId;
  const status = alertBox("bulk-status");
  const subtitle = h("p", { class: "subtitle", id: "bulk-subject" });

  // ---- 1. the action ------------------------------------------------------------------------
  const actionSelect = h("select", { id: "bulk-action", "aria-describedby": "bulk-action-error" },
    h("option", { value: "", i18n: "bulk.choose_action_option" }),
    bulkChoices().map((a) => h("option", { value: a.id, i18n: a.label_key })));
  const actionError = h("div", { id: "bulk-action-error", class: "field-error", hidden: true });
  const serviceSelect = h("select", { id: "bulk-service" });
  const serviceField = h("div", { class: "field", hidden: true },
    h("label", { for: "bulk-service", i18n: "bulk.service" }), serviceSelect);
  const previewButton = h("button", { type: "submit", class: "primary", id: "bulk-preview", i18n: "bulk.preview" });
  // SIM replacement: each number with its own new SIM (pairs).
  const pairs = pairsField(params.selection?.numbers ?? null);
  const chooser = h("form", { class: "inline-form bulk-chooser", id: "bulk-chooser", novalidate: true },
    h("div", { class: "field" }, h("label", { for: "bulk-action", i18n: "bulk.action" }), actionSelect, actionError),
    serviceField,
    pairs.element,
    h("div", { class: "field bulk-go" }, previewButton));

  // ---- 2-4. the run ---------------------------------------------------------------------------
  const runTitle = h("h2", { id: "bulk-run-title" });
  const counts = h("div", { class: "bulk-counts", id: "bulk-counts" });
  const unchecked = h("p", { class: "alert warn", id: "bulk-unchecked", hidden: true });
  const reasons = h("ul", { class: "bulk-reasons", id: "bulk-reasons", hidden: true });
  const fill = h("div", { class: "bulk-bar-fill" });
  const bar = h("div", { class: "bulk-bar", id: "bulk-progressbar", role: "progressbar", "aria-valuemin": 0 }, fill);
  const progressText = h("span", { id: "bulk-progress-text" });
  const eta = h("span", { id: "bulk-eta", class: "hint" });
  const progress = h("div", { class: "bulk-progress", hidden: true }, bar, h("div", { class: "row" }, progressText, eta));
  const runButton = h("button", { type: "button", class: "danger", id: "bulk-run", "data-needs-portal": true, i18n: "bulk.run" });
  const cancelButton = h("button", { type: "button", class: "secondary", id: "bulk-cancel", i18n: "bulk.cancel" });
  const pauseButton = h("button", { type: "button", class: "secondary", id: "bulk-pause", i18n: "bulk.pause" });
  const resumeButton = h("button", { type: "button", class: "primary", id: "bulk-resume", "data-needs-portal": true, i18n: "bulk.resume" });
  const exportButton = h("button", { type: "button", class: "secondary", id: "bulk-export", i18n: "bulk.export" });
  const exported = alertBox("bulk-exported");
  const buttons = h("div", { class: "row bulk-buttons" }, runButton, pauseButton, cancelButton, resumeButton, exportButton);
  const items = itemsTable();
  const runBox = h("div", { id: "bulk-run-box", hidden: true }, runTitle, counts, unchecked, reasons, progress, buttons, exported, items.element);

  const screen = h("section", { class: "wide", id: "screen-bulk", "data-company-id": companyId },
    h("div", { class: "row" },
      h("button", { type: "button", class: "link", id: "bulk-back", i18n: "bulk.back", onclick: () => ctx.back() })),
    h("h1", { i18n: "bulk.title" }), subtitle, status, chooser, runBox);
  view.append(screen);

  let run = null;
  let services = new Map();
  let servicesAsked = false;
  const serviceName = (id) => services.get(id) ?? null;

  // ---- what is selected -----------------------------------------------------------------------
  const selection = params.selection ?? null;
  if (selection?.search !== undefined) {
    text(subtitle, selection.search ? "bulk.subject_search" : "bulk.subject_company", { count: counted(params.count ?? 0), search: selection.search });
  } else if (selection) {
    text(subtitle, "bulk.subject_numbers", { count: counted(selection.numbers.length) });
  }

  /** One number of the selection, to read the service catalogue from. */
  async function someNumber() {
    if (selection?.numbers) return selection.numbers[0] ?? null;
    const w = await api.numbers_window({ company_id: companyId, filter: { text: selection?.search ?? "", state: null, tariff: null, order: { column: "number", descending: false } }, offset: 0, limit: 1 });
    return w.rows[0]?.msisdn ?? null;
  }

  /** Fills the service list: the number's activated services, then the ones it can enable. */
  async function loadServices() {
    if (services.size) return;
    const msisdn = await someNumber();
    if (!msisdn) return;
    const cached = await api.number_services({ msisdn });
    ctx.setConnection(cached);
    const all = [...cached.data.activated.map((a) => a.service), ...cached.data.available];
    services = new Map();
    for (const s of all) if (!services.has(s.id)) services.set(s.id, `${localized(s, "name")} (${localized(s, "volume")})`);
    serviceSelect.replaceChildren(...[...services].map(([id, name]) => h("option", { value: id, text: name })));
  }

  /** A preview of another action than the one chosen now is dropped, so Run never does what is
   * no longer on screen. */
  function dropPreview() {
    if (run?.state !== "ready") return;
    api.bulk_discard({ run_id: run.id }).catch(() => {});
    run = null;
    runBox.hidden = true;
  }
  serviceSelect.addEventListener("change", dropPreview);
  pairs.onInput(dropPreview);

  actionSelect.addEventListener("change", async () => {
    dropPreview();
    actionError.hidden = true;
    actionSelect.removeAttribute("aria-invalid");
    const entry = choiceOf(actionSelect.value);
    serviceField.hidden = !entry?.needs_service;
    pairs.element.hidden = !entry?.needs_pairs;
    pairs.clear();
    if (!entry?.needs_service) return;
    try {
      await loadServices();
    } catch (err) {
      status.showError(err);
    }
  });

  chooser.addEventListener("submit", async (e) => {
    e.preventDefault();
    status.clear();
    const entry = choiceOf(actionSelect.value);
    if (!entry) {
      text(actionError, "bulk.choose_action");
      actionError.hidden = false;
      actionSelect.setAttribute("aria-invalid", "true");
      actionSelect.focus();
      return;
    }
    if (entry.needs_service && !serviceSelect.value) {
      status.showKey("error", "bulk.choose_service");
      serviceSelect.focus();
      return;
    }
    if (entry.needs_pairs && !pairs.check()) return;
    previewButton.disabled = true;
    try {
      const chosen = entry.needs_pairs ? { pairs: pairs.lines() } : selection;
      const fresh = await api.bulk_preview({ company_id: companyId, selection: chosen, action: actionOf(entry, serviceSelect.value || null) });
      // A preview this one replaces was never run: the cache need not keep it.
      if (run?.state === "ready") api.bulk_discard({ run_id: run.id }).catch(() => {});
      show(fresh);
      runTitle.focus();
      // Checked without the portal: if it cannot be reached, the window says so (and Run waits).
      if (fresh.portal_check === "unreachable") api.connection_check().then((up) => { if (!up) ctx.setOnline(false); }).catch(() => {});
    } catch (err) {
      if (err?.field === "pairs") pairs.showError(() => errorText(err));
      else status.showError(err);
    } finally {
      previewButton.disabled = false;
    }
  });

  // ---- the run on screen ----------------------------------------------------------------------
  const count = (key, value, testid) => h("div", { class: "fact", "data-testid": testid },
    h("div", { class: "label", i18n: key }), h("div", { class: "value", text: formatCount(value) }));

  /** Draws `fresh` (a preview, a progress event, or the run as the cache has it). */
  function show(fresh) {
    const first = run?.id !== fresh.id;
    run = fresh;
    if (first) reasons.hidden = true;
    // Until it runs, another action can still be chosen and previewed instead.
    chooser.hidden = run.state !== "ready" || selection === null;
    runBox.hidden = false;
    screen.dataset.runState = run.state;
    runTitle.setAttribute("tabindex", "-1");
    text(runTitle, `bulk.title_${run.state}`, { action: actionText(run.action, serviceName(run.action.service)) });
    if (run.action.service && !serviceName(run.action.service) && !servicesAsked) {
      servicesAsked = true;
      // A run opened from the cache: its service's name, from the catalogue, when it can be read.
      loadServices().then(() => { if (serviceName(run.action.service)) show(run); }).catch(() => {});
    }
    if (selection === null) text(subtitle, "bulk.subject_run", { count: counted(run.total) });
    const ready = run.state === "ready";
    counts.replaceChildren(...[
      count("bulk.count.total", run.total, "bulk-total"),
      ready ? count("bulk.count.to_run", run.to_run, "bulk-to-run") : count("bulk.count.done", run.done, "bulk-done"),
      ready ? null : count("bulk.count.failed", run.failed, "bulk-failed"),
      count("bulk.count.skipped", run.skipped, "bulk-skipped"),
      ready ? null : count(run.state === "cancelled" ? "bulk.count.cancelled" : "bulk.count.remaining", run.remaining, "bulk-remaining"),
    ].filter(Boolean));
    unchecked.hidden = run.portal_check === "checked";
    if (!unchecked.hidden) text(unchecked, `bulk.portal_check.${run.portal_check}`);

    const processed = run.done + run.failed;
    bar.setAttribute("aria-valuemax", String(run.to_run));
    bar.setAttribute("aria-valuenow", String(processed));
    text(progressText, run.state === "cancelled" ? "bulk.progress_cancelled" : "bulk.progress", { done: formatCount(run.done), failed: formatCount(run.failed), skipped: formatCount(run.skipped), remaining: formatCount(run.remaining) });
    bar.setAttribute("aria-valuetext", progressText.textContent);
    fill.style.width = `${run.to_run ? Math.round((processed / run.to_run) * 100) : 100}%`;
    const left = run.state === "running" ? etaVars(run.eta_s) : null;
    if (left) text(eta, ...left);
    else { eta.textContent = ""; delete eta.dataset.i18n; }
    progress.hidden = ready;

    runButton.hidden = !ready;
    cancelButton.hidden = run.state !== "running";
    pauseButton.hidden = run.state !== "running";
    resumeButton.hidden = !(["paused", "cancelled"].includes(run.state) && run.remaining > 0);
    exportButton.hidden = ready || run.state === "running";
    ctx.applyConnection();
    if (ready && run.to_run === 0) runButton.disabled = true;
    items.show(run);
    if (first && ready && run.skipped > 0) showReasons();
  }

  /** The preview's skipped numbers, counted by reason. */
  async function showReasons() {
    const mine = run;
    const groups = await skippedByReason(mine).catch(() => []);
    if (run !== mine || !groups.length) return;
    const draw = () => reasons.replaceChildren(...groups.map((g) => h("li", {},
      h("strong", { text: formatCount(g.count) }), " · ", g.text())));
    draw();
    reasons.hidden = false;
    onLanguage(reasons, draw);
  }

  /** Starts or resumes the run in the background; progress comes as `bulk-progress`. */
  async function start() {
    reasons.hidden = true;
    status.clear();
    const before = run;
    await api.bulk_run({ run_id: run.id });
    // Running from now on, unless a progress event already said more.
    if (run === before) show({ ...run, state: "running", eta_s: null });
  }

  // A request a run started (a block, a SIM replacement) completed: the watcher says so, and the
  // run's rows show it without a click.
  onRequestChanged(screen, () => { if (run && run.state !== "ready") items.show(run); });

  // The action's name is in the title's sentence: a language switch draws the run again.
  onLanguage(screen, () => { if (run) show(run); });

  // Cancel asked on this screen for this run: if the run still finishes, every number had
  // already been sent, and the screen says that rather than a silent "Finished".
  let cancelAskedFor = null;
  onBulkProgress(screen, (fresh) => {
    if (!run || fresh.id !== run.id) return;
    show(fresh);
    if (cancelAskedFor === fresh.id && fresh.state !== "running") {
      cancelAskedFor = null;
      if (fresh.state === "finished") status.showKey("info", "bulk.cancel_too_late", { count: counted(fresh.to_run) });
    }
  });

  runButton.addEventListener("click", async () => {
    status.clear();
    const action = actionText(run.action, serviceName(run.action.service));
    await formDialog({
      id: "bulk-confirm-dialog",
      titleKey: "bulk.confirm_title",
      subject: action,
      messageKey: "bulk.confirm",
      messageVars: { action, count: counted(run.to_run) },
      confirmKey: "bulk.run",
      destructive: true,
      submit: start,
    });
  });
  cancelButton.addEventListener("click", async () => {
    cancelButton.disabled = true;
    try {
      cancelAskedFor = run.id;
      await api.bulk_cancel({ run_id: run.id });
    } catch (err) {
      status.showError(err);
    } finally {
      cancelButton.disabled = false;
    }
  });
  pauseButton.addEventListener("click", async () => {
    pauseButton.disabled = true;
    try {
      await api.bulk_pause({ run_id: run.id });
    } catch (err) {
      status.showError(err);
    } finally {
      pauseButton.disabled = false;
    }
  });
  resumeButton.addEventListener("click", async () => {
    status.clear();
    resumeButton.disabled = true;
    try {
      await start();
    } catch (err) {
      status.showError(err);
    } finally {
      resumeButton.disabled = false;
      ctx.applyConnection();
    }
  });
  exportButton.addEventListener("click", async () => {
    status.clear();
    exportButton.disabled = true;
    try {
      showSaved(exported, await api.bulk_export({ run_id: run.id }));
    } catch (err) {
      status.showError(err);
    } finally {
      exportButton.disabled = false;
    }
  });

  // ---- a run kept in the cache ----------------------------------------------------------------
  if (params.runId !== undefined) {
    chooser.hidden = true;
    api.bulk_runs({ company_id: companyId }).then((runs) => {
      const kept = runs.find((r) => r.id === params.runId);
      if (!kept) status.showKey("error", "bulk.run_gone");
      else if (screen.isConnected && (!run || run.state === "ready")) show(kept);
    }).catch((err) => status.showError(err));
  } else if (!selection) {
    status.showKey("error", "bulk.nothing_selected");
    chooser.hidden = true;
  }
  ctx.applyConnection();
}
