// The numbers of a bulk run, one row each, a page at a time (a run may hold 100,000): what will
// happen to each in the preview, how it went after the run. Rows are read from the cache
// through `bulk_items`; portal data (messages) only ever lands in textContent.

import { api } from "../../api.js";
import { h } from "../../dom.js";
import { formatCount, formatDateTime, formatPhone } from "../../format.js";
import { errorText, onLanguage, setText, t } from "../../i18n.js";

const PAGE = 50;

/**
 * What an item's state means to the user, given its run's state: a `to_run` number of a
 * cancelled run was cancelled, of a paused one is not run yet, of a ready one will run.
 */
export function itemStateKey(item, runState) {
  // A done number whose request the portal completes later: as the watcher last saw it.
  if (item.state === "done" && item.request_state === "in_process") return "bulk.item.in_process";
  if (item.state === "done" && item.request_state === "failed") return "bulk.item.request_failed";
  if (item.state !== "to_run") return `bulk.item.${item.state}`;
  return {
    ready: "bulk.item.will_run",
    running: "bulk.item.waiting",
    paused: "bulk.item.not_run",
    cancelled: "bulk.item.cancelled",
  }[runState] ?? "bulk.item.not_run";
}

/**
 * Why a number was skipped or failed, translated; the request a done one started. A reason
 * whose usual text tells a user on one number's page what to do there ("Refresh the page") has
 * a bulk text (`bulk.why.<reason or code>`) that says what it means for the run and what to do.
 */
function detail(item) {
  const sim = item.iccid ? t("bulk.sim", { iccid: item.iccid }) : "";
  const withSim = (text) => [sim, text].filter(Boolean).join(" · ");
  if (item.state === "skipped" || item.state === "failed") {
    const key = `bulk.why.${item.reason ?? item.code}`;
    const own = t(key);
    if (own !== key) return withSim(own);
    return withSim(errorText({ code: item.code ?? "internal", reason: item.reason, message: item.message }));
  }
  if (item.state === "done" && item.request_id) return withSim(t("bulk.request", { id: item.request_id }));
  return sim;
}

/** The paged table; `show(run)` redraws the current page for that state of the run. */
export function itemsTable() {
  let run = null;
  let offset = 0;
  let drawing = 0;
  const body = h("tbody");
  const table = h("table", { id: "bulk-items", class: "bulk-items" },
    h("thead", {}, h("tr", {},
      h("th", { class: "num", i18n: "bulk.col.position" }),
      h("th", { i18n: "bulk.col.number" }),
      h("th", { i18n: "bulk.col.result" }),
      h("th", { i18n: "bulk.col.detail" }),
      h("th", { i18n: "bulk.col.time" }))),
    body);
  const range = h("span", { id: "bulk-page", class: "hint" });
  const prev = h("button", { type: "button", class: "secondary", id: "bulk-prev", i18n: "bulk.prev" });
  const next = h("button", { type: "button", class: "secondary", id: "bulk-next", i18n: "bulk.next" });
  const pager = h("div", { class: "row bulk-pager" }, prev, range, next);
  const element = h("div", { class: "bulk-table" }, table, pager);

  async function draw() {
    if (!run) return;
    const mine = ++drawing;
    const items = await api.bulk_items({ run_id: run.id, offset, limit: PAGE });
    if (mine !== drawing) return;
    body.replaceChildren(...items.map((item) => h("tr", { "data-msisdn": item.msisdn, "data-state": item.state, "data-request-state": item.request_state ?? "" },
      h("td", { class: "num", text: formatCount(item.position + 1) }),
      h("td", { text: formatPhone(item.msisdn) }),
      h("td", { class: `bulk-state bulk-${item.request_state === "in_process" ? "sending" : item.state}`, "data-i18n": itemStateKey(item, run.state), text: t(itemStateKey(item, run.state)) }),
      h("td", { class: "bulk-detail", text: detail(item) }),
      h("td", { text: item.finished_at ? formatDateTime(item.finished_at) : "" }))));
    const last = Math.min(run.total, offset + PAGE);
    setText(range, "bulk.page", { from: formatCount(run.total ? offset + 1 : 0), to: formatCount(last), total: formatCount(run.total) });
    prev.disabled = offset === 0;
    next.disabled = last >= run.total;
    pager.hidden = run.total <= PAGE;
  }

  prev.addEventListener("click", () => { offset = Math.max(0, offset - PAGE); draw(); });
  next.addEventListener("click", () => { offset += PAGE; draw(); });
  // Reasons are translated when drawn: a language switch draws the page again.
  onLanguage(element, draw);

  return {
    element,
    /** Shows `fresh` (the same run in a new state, or another run from its first page). */
    show(fresh) {
      if (run?.id !== fresh.id) offset = 0;
      run = fresh;
      return draw();
    },
  };
}

/**
 * The skipped numbers of a run counted by reason (`[{text, count}]`, most first), read through
 * `bulk_items` in pages; for the preview's summary.
 */
export async function skippedByReason(run) {
  const counts = new Map();
  for (let offset = 0; offset < run.total; offset += 1000) {
    const items = await api.bulk_items({ run_id: run.id, offset, limit: 1000 });
    for (const item of items) {
      if (item.state !== "skipped") continue;
      const key = item.reason ?? item.code ?? "";
      const entry = counts.get(key) ?? { item, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    if (items.length === 0) break;
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).map(({ item, count }) => ({ item, count, text: () => detail(item) }));
}
