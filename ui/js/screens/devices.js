// Device registration (IMEI) of a number, as the manual's page has it: the number, the last IMEI
// seen with its SIM, the registration status, the registered IMEIs (each with Delete), Register,
// Re-register and Register duplicate, and the Request history (Date, IMEI, Condition).
//
// Each action asks through the form dialog (form.js `formDialog`) and starts a request that the
// portal completes later (hours on the operator's side); core's watcher follows it and the page
// reloads when it changes (`onRequestChanged`). A registration that failed because the device is
// registered with another provider's number, or to another owner, is explained here and leads to
// Register duplicate or Re-register. Values are checked by core (never a second copy here):
// an error comes back naming its field and shows under it.

import { api } from "../api.js";
import { alertBox, h, mount, noWrap } from "../dom.js";
import { formDialog } from "../form.js";
import { formatDateTime, formatDateTimeKz, formatPhone } from "../format.js";
import { errorText, onLanguage, t } from "../i18n.js";
import { allows } from "../number_rules.js";
import { onRequestChanged } from "../requests.js";

/** Shows one company's number: switching company leaves it (see main.js). */
export const belongsToCompany = true;

const STATUSES = ["registered", "not_registered", "no_device"];
/** Failures of a registration that lead to another way of registering. */
const LEADS = { imei_registered_other_operator: "duplicate", imei_registered_elsewhere: "reregister" };

export function render(view, ctx, params) {
  const msisdn = params.msisdn;
  const status = alertBox("devices-status");
  const body = h("div", { id: "devices-body" });
  const root = h("section", { class: "wide", id: "screen-devices", "data-msisdn": msisdn },
    h("div", { class: "row" },
      h("button", { class: "link", id: "devices-back", i18n: "devices.back", onclick: () => ctx.back() }),
      h("span", { class: "spacer" }),
      h("button", { class: "secondary", id: "devices-refresh", i18n: "number.refresh", onclick: () => load() })),
    h("h1", { i18n: "devices.title" }),
    status, body);
  view.append(root);

  let loading = null;
  const load = () => {
    loading ??= (async () => {
      try {
        // The number's state decides what may be asked (the shared table); the page is cached too.
        const [page, number] = await Promise.all([api.devices_get({ msisdn }), api.number_get({ msisdn }).catch(() => null)]);
        ctx.setConnection(page);
        status.clear();
        draw(body, page, number?.data.summary.state ?? null, ctx, msisdn, load);
        ctx.applyConnection();
      } catch (err) {
        status.showError(err);
      } finally {
        loading = null;
      }
    })();
    return loading;
  };
  // A device request of this number changed (done, failed): the page shows its outcome.
  onRequestChanged(root, (record) => {
    if (record.msisdn !== msisdn || !String(record.kind).startsWith("imei_")) return;
    // "The results … within 8 hours" is over: the outcome is here now.
    ctx.clearNotice();
    load();
  });
  load();
}

/** The newest request about `imei`, if any. */
const latestFor = (history, imei) => history.find((r) => r.detail === imei) ?? null;

function draw(body, cached, state, ctx, msisdn, reload) {
  // Statuses, dates and reasons in the language shown: drawn again from the same page when it changes.
  onLanguage(body, () => draw(body, cached, state, ctx, msisdn, reload));
  const page = cached.data;
  const last = page.last_imei;
  const latest = last ? latestFor(page.history, last) : null;
  const inProcess = latest?.state === "in_process";
  const registeredHere = page.status === "registered";
  const mayRegister = state !== null && allows("device_register", state);
  const mayDeregister = state !== null && allows("device_deregister", state);
  const statusText = STATUSES.includes(page.status) ? t(`devices.status.${page.status}`) : String(page.status);
  const run = actions(msisdn, last, ctx, reload);

  // Why the last registration failed, and where it leads (the manual's "previous registration
  // with another provider").
  const lead = latest?.state === "failed" ? LEADS[latest.error?.reason] ?? null : null;
  const explain = latest?.state === "failed"
    ? h("div", { class: "alert warn", id: "devices-explain", role: "status" },
      h("p", { style: "margin: 0 0 6px", text: t("devices.failed_intro", { date: formatDateTime(latest.completed_at ?? latest.created_at) }) }),
      h("p", { style: "margin: 0", text: errorText(latest.error) }))
    : null;

  const button = (id, key, onclick, primary) => h("button", { class: primary ? "primary" : "secondary", id, "data-needs-portal": true, i18n: key, onclick });
  const offer = last && !registeredHere && !inProcess && mayRegister;
  const controls = offer
    ? [button("devices-register", "devices.register", run.register, !lead),
      button("devices-reregister", "devices.reregister", run.reregister, lead === "reregister"),
      button("devices-duplicate", "devices.duplicate", run.duplicate, lead === "duplicate")]
    : [];
  const why = !last ? null
    : inProcess ? h("p", { class: "hint", id: "devices-why", i18n: "devices.in_process_hint" })
      : !registeredHere && !mayRegister && state !== null ? h("p", { class: "hint", id: "devices-why", i18n: "devices.needs_active" })
        : null;

  mount(body,
    h("div", { class: "section", id: "devices-device" },
      h("div", { class: "big-number", id: "devices-number", text: formatPhone(msisdn) }),
      h("div", { class: "kv", style: "margin-top: 10px" },
        h("div", {}, h("div", { class: "label", i18n: "devices.last_imei" }), h("div", { class: "value", id: "devices-last-imei", text: last ?? "–" })),
        h("div", {}, h("div", { class: "label", i18n: "devices.status" }), h("div", { class: "value", id: "devices-status-text", text: statusText }))),
      explain ? h("div", { style: "margin-top: 10px" }, explain) : null,
      why,
      controls.length ? h("div", { class: "row", style: "margin-top: 10px" }, controls) : null),
    h("div", { class: "section", id: "devices-registered" },
      h("h2", { i18n: "devices.registered" }),
      page.registered.length === 0
        ? h("p", { class: "hint", i18n: "devices.none_registered" })
        : h("table", { id: "devices-registered-table" },
          h("thead", {}, h("tr", {}, h("th", { text: "IMEI" }), h("th", { i18n: "devices.registered_at" }), h("th"))),
          h("tbody", {}, page.registered.map((d) => h("tr", { "data-imei": d.imei },
            h("td", {}, d.imei, d.duplicate ? h("span", { class: "hint", i18n: "devices.duplicate_mark", style: "margin-left: 8px" }) : null),
            h("td", { text: formatDateTime(d.registered_at) }),
            h("td", { class: "num" }, !mayDeregister ? null
              : latestFor(page.history, d.imei)?.state === "in_process" ? h("span", { class: "hint", i18n: "devices.in_process" })
                : h("button", { class: "secondary", id: `devices-delete-${d.imei}`, "data-needs-portal": true, i18n: "devices.delete",
                  onclick: () => run.deregister(d.imei) }))))))),
    h("div", { class: "section", id: "devices-history" },
      h("h2", { i18n: "devices.history" }),
      page.history.length === 0
        ? h("p", { class: "hint", i18n: "devices.no_history" })
        : h("table", { id: "devices-history-table" },
          h("thead", {}, h("tr", {}, h("th", { i18n: "devices.date" }), h("th", { text: "IMEI" }), h("th", { i18n: "devices.condition" }))),
          h("tbody", {}, page.history.map((r) => h("tr", { "data-request": r.id, "data-state": r.state },
            h("td", { text: formatDateTime(r.completed_at ?? r.created_at) }),
            h("td", { text: r.detail ?? "" }),
            h("td", {}, condition(r))))))),
    cached.offline ? h("p", { class: "asof", "data-testid": "as-of", text: t("number.as_of", { time: formatDateTimeKz(cached.fetched_at) }) }) : null,
    h("p", { class: "hint", i18n: "time.kz_note" }));
}

/** The Condition cell, in the manual's words: the result, In process, or why it failed. */
function condition(r) {
  if (r.state === "in_process") return h("span", { i18n: "devices.in_process" });
  if (r.state === "done") {
    const key = `request.result.${r.result}`;
    return h("span", { text: t(key) === key ? String(r.result) : t(key) });
  }
  if (r.state === "failed") {
    return [h("span", { i18n: "devices.failed" }), h("div", { class: "hint", text: errorText(r.error) })];
  }
  return h("span", { text: String(r.state) });
}

/** The page's actions, each through the form dialog; a request sent reloads the page. */
function actions(msisdn, imei, ctx, reload) {
  const number = noWrap(formatPhone(msisdn));
  const sent = async (result) => {
    if (!result) return;
    ctx.notice("devices.sent");
    await reload();
  };
  return {
    register: async () => sent(await formDialog({
      id: "device-register-dialog", titleKey: "devices.register_title", subject: imei,
      messageKey: "devices.register_question", messageVars: { imei, number }, confirmKey: "devices.register",
      submit: () => api.device_register({ msisdn, imei }),
    })),
    // The manual's two steps: read the terms and confirm, then the previous owner's number and IIN/BIN.
    reregister: async () => {
      const accepted = await formDialog({
        id: "device-terms-dialog", titleKey: "devices.reregister_title", subject: imei,
        messageKey: "devices.reregister_terms", confirmKey: "dialog.confirm", submit: async () => true,
      });
      if (!accepted) return;
      const required = (key) => (value) => (value ? null : key);
      await sent(await formDialog({
        id: "device-reregister-dialog", titleKey: "devices.reregister_title", subject: imei,
        messageKey: "devices.reregister_what", confirmKey: "devices.reregister",
        fields: [
          { name: "previous_owner_msisdn", labelKey: "devices.previous_owner_msisdn", hintKey: "devices.previous_owner_msisdn_hint",
            inputProps: { inputmode: "tel" }, check: required("devices.previous_owner_msisdn_required") },
          { name: "previous_owner_iin", labelKey: "devices.previous_owner_iin", hintKey: "devices.previous_owner_iin_hint",
            inputProps: { inputmode: "numeric", maxlength: 14 }, check: required("devices.previous_owner_iin_required") },
        ],
        submit: (v) => api.device_reregister({ msisdn, imei, previous_owner_msisdn: v.previous_owner_msisdn,
          previous_owner_iin: v.previous_owner_iin, terms_accepted: true }),
      }));
    },
    // The manual's two steps here too: read the terms and confirm, then Register duplicate.
    duplicate: async () => {
      const accepted = await formDialog({
        id: "device-duplicate-terms-dialog", titleKey: "devices.duplicate_title", subject: imei,
        messageKey: "devices.duplicate_terms", confirmKey: "dialog.confirm", submit: async () => true,
      });
      if (!accepted) return;
      await sent(await formDialog({
        id: "device-duplicate-dialog", titleKey: "devices.duplicate_title", subject: imei,
        messageKey: "devices.duplicate_what", confirmKey: "devices.duplicate",
        submit: () => api.device_register_duplicate({ msisdn, imei, terms_accepted: true }),
      }));
    },
    deregister: async (registered) => sent(await formDialog({
      id: "device-deregister-dialog", titleKey: "devices.deregister_title", subject: registered,
      messageKey: "devices.deregister_question", messageVars: { imei: registered, number }, confirmKey: "devices.deregister",
      destructive: true,
      submit: () => api.device_deregister({ msisdn, imei: registered }),
    })),
  };
}
