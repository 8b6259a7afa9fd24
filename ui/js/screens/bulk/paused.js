// A bulk run the app left paused (it closed, or the portal went away, halfway) is offered where
// the company's numbers are shown, on start and whenever the numbers tab opens: "A bulk action
// “Block” on 1,200 numbers stopped before the end (…): 431 of 1,150 processed, 719 left. Resume ·
// Show · Discard". Resuming sends what is left, each number with the key its preview made, so
// nothing done is done again.

import { api } from "../../api.js";
import { h } from "../../dom.js";
import { counted, formatCount } from "../../format.js";
import { errorText, setText } from "../../i18n.js";
import { actionText } from "./actions.js";

/** Fills `box` with one notice per paused run of company `companyId` (nothing when none). */
export async function offerPausedRuns(box, ctx, companyId) {
  let runs;
  try {
    runs = await api.bulk_runs({ company_id: companyId });
  } catch {
    return; // The list works without it; the bulk screen says what is wrong when opened.
  }
  if (!box.isConnected) return;
  box.replaceChildren(...runs.filter((r) => r.state === "paused").map((run) => notice(run, ctx)));
  ctx.applyConnection();
}

function notice(run, ctx) {
  const vars = () => ({
    action: actionText(run.action), count: counted(run.total),
    through: formatCount(run.done + run.failed), to_run: formatCount(run.to_run), remaining: formatCount(run.remaining),
  });
  const text = setText(h("span"), "bulk.paused_notice", vars());
  const error = h("span", { class: "field-error", hidden: true });
  const box = h("div", { class: "alert warn bulk-paused", "data-run": run.id, role: "status" }, text, " ");
  const resume = h("button", { type: "button", class: "link", "data-needs-portal": true, "data-testid": "bulk-paused-resume", i18n: "bulk.resume" });
  const showRun = h("button", { type: "button", class: "link", "data-testid": "bulk-paused-show", i18n: "bulk.show" });
  const discard = h("button", { type: "button", class: "link", "data-testid": "bulk-paused-discard", i18n: "bulk.discard" });
  const fail = (err) => { error.textContent = errorText(err); error.hidden = false; };
  resume.addEventListener("click", async () => {
    try {
      await api.bulk_run({ run_id: run.id });
      ctx.go("bulk", { companyId: run.company_id, runId: run.id });
    } catch (err) {
      fail(err);
    }
  });
  showRun.addEventListener("click", () => ctx.go("bulk", { companyId: run.company_id, runId: run.id }));
  discard.addEventListener("click", async () => {
    try {
      await api.bulk_discard({ run_id: run.id });
      box.remove();
    } catch (err) {
      fail(err);
    }
  });
  box.append(resume, " · ", showRun, " · ", discard, error);
  return box;
}
