// Actions the user confirmed whose answer never arrived (the app closed, the connection or the
// portal failed between sending and the answer). Core keeps each with its Idempotency-Key until
// an answer is recorded (kabinet-core/src/intents.rs); at sign-in this notice lists them ("A
// transfer of 5 000,00 ₸ from … to … may not have completed") and asks the portal about each
// with ITS key, so a lost action is finished once and a done one is not done again. The user
// reads what the portal said; nothing here sends a new request.
//
// The notice is the window's, not a screen's (it stays above every screen until it is closed,
// and sign-out clears it), so its rows and whether a check runs are this module's: an app-wide
// service. Its texts are bound once (i18n.js), so a language change rewrites them in place.

import { api } from "./api.js";
import { h } from "./dom.js";
import { bindText, errorText, t } from "./i18n.js";
import { formatMoney, formatPhone } from "./format.js";
import { noticeKey } from "./number_rules.js";

/** {intent, status: "checking"|"done"|"refused"|"unreachable"|"too_old"|"failed", error?} per key. */
let rows = [];
let checking = false;

/** What the intent was, in the user's words. */
export function describe(intent) {
  const body = intent.call?.body ?? {};
  const vars = {
    msisdn: intent.msisdn ? formatPhone(intent.msisdn) : "",
    amount: Number.isInteger(body.amount_tiyn) ? formatMoney(body.amount_tiyn) : "",
    from: typeof body.from === "string" ? formatPhone(body.from) : "",
    to: typeof body.to === "string" ? formatPhone(body.to) : "",
  };
  return t(noticeKey(intent.action) ?? "intent.action.other", vars);
}

/** Lists the left-over intents and resolves them (called at sign-in and when back online). */
export async function checkLeftOver() {
  if (checking) return;
  checking = true;
  try {
    const pending = await api.intents_pending();
    const settled = rows.filter((r) => !pending.some((p) => p.key === r.intent.key) && r.status !== "unreachable");
    rows = [...settled, ...pending.map((intent) => ({ intent, status: "checking" }))];
    render();
    for (const row of rows.filter((r) => r.status === "checking")) {
      await resolve(row);
      render();
    }
  } catch (err) {
    console.warn("left-over actions not read", err);
  } finally {
    checking = false;
  }
}

/** Forgets what is shown (sign-out). */
export function clear() {
  rows = [];
  render();
}

async function resolve(row) {
  try {
    const answer = await api.intents_resolve({ key: row.intent.key });
    row.status = answer.done ? "done" : "refused";
    row.error = answer.refused ?? null;
  } catch (err) {
    row.error = err;
    if (err?.reason === "intent_gone") row.status = "done";
    else if (err?.reason === "intent_too_old") row.status = "too_old";
    else if (err?.code === "portal_unreachable" || err?.code === "portal_timeout") row.status = "unreachable";
    else row.status = "failed";
  }
}

function statusText(row) {
  switch (row.status) {
    case "checking": return t("intent.checking");
    case "done": return t("intent.done");
    case "refused": return t("intent.refused", { error: errorText(row.error) });
    case "unreachable": return t("intent.unreachable");
    case "too_old": return t("intent.too_old");
    default: return errorText(row.error);
  }
}

function render() {
  const box = document.getElementById("intents-notice");
  if (!box) return;
  box.hidden = rows.length === 0;
  if (!rows.length) return box.replaceChildren();
  const busy = rows.some((r) => r.status === "checking");
  const items = rows.map((row) => {
    const actions = [];
    if (row.status === "unreachable") {
      actions.push(h("button", { type: "button", class: "link", i18n: "intent.check", onclick: () => checkLeftOver() }));
    }
    if (row.status === "too_old") {
      actions.push(h("button", {
        type: "button", class: "link", i18n: "intent.dismiss",
        onclick: async () => {
          await api.intents_dismiss({ key: row.intent.key }).catch(() => {});
          rows = rows.filter((r) => r !== row);
          render();
        },
      }));
    }
    return h("li", { "data-status": row.status, "data-key": row.intent.key },
      // Until the portal has answered, the action may not have completed; after, it says what it did.
      bindText(h("span", { class: "intent-what" }), () => t(["done", "refused"].includes(row.status) ? "intent.answered" : "intent.may_not",
        { what: describe(row.intent) })),
      " ",
      bindText(h("span", { class: "intent-status" }), () => statusText(row)),
      ...actions);
  });
  const close = busy || rows.some((r) => ["unreachable", "too_old"].includes(r.status))
    ? null
    : h("button", { type: "button", id: "intents-close", class: "link", i18n: "intent.close", onclick: () => clear() });
  box.replaceChildren(h("strong", { i18n: "intent.title" }), h("ul", {}, items), close);
}
