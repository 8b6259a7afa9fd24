// The number profile: number information (state, tariff, limits, usage details, refresh),
// general information, SIM card and device (PIN/PUK masked until revealed, never stored; a SIM
// replacement in process),
// remaining and additional allowances, activated and available services.

import { api } from "../api.js";
import { menuItems } from "../actions.js";
import { askAndSetBlocked, blockAction, stateLabel } from "../block.js";
import { alertBox, busy, h, mount, noWrap, openMenu, termsToggle } from "../dom.js";
import { formDialog } from "../form.js";
import { formatDate, formatDateTime, formatDateTimeKz, formatMoney, formatPhone } from "../format.js";
import { bindText, localized, onLanguage, setText, t } from "../i18n.js";
import { renderLabels, undoNotice } from "../labels.js";
import { onRequestChanged } from "../requests.js";
import { store } from "../store.js";

/** Shows one company's number: switching company leaves it (see main.js). */
export const belongsToCompany = true;

const CATEGORIES = ["roaming", "special_offers", "international_calls", "offnet_minutes", "landline_minutes", "data_roaming"];

const name = (item) => localized(item, "name");

/** A label and its value; a value given as a function is written in each language chosen. */
function kv(labelKey, value, id) {
  const cell = h("div", { class: "value", id });
  if (typeof value === "function") bindText(cell, value);
  else cell.textContent = value;
  return h("div", {}, h("div", { class: "label", i18n: labelKey }), cell);
}

function asOf(cached) {
  return cached.offline
    ? bindText(h("p", { class: "asof", "data-testid": "as-of" }), () => t("number.as_of", { time: formatDateTimeKz(cached.fetched_at) }))
    : null;
}

export function render(view, ctx, params) {
  const msisdn = params.msisdn;
  const status = alertBox("number-status");
  const info = h("section", { class: "section", id: "number-info" });
  const general = h("section", { class: "section", id: "number-general" });
  const labels = h("section", { class: "section", id: "number-labels" });
  const labelsNotice = h("div", { class: "alert", id: "number-labels-notice", role: "status", hidden: true });
  const sim = h("section", { class: "section", id: "number-sim" });
  const allowances = h("section", { class: "section", id: "number-allowances" });
  const services = h("section", { class: "section", id: "number-services" });
  const refresh = h("button", { class: "secondary", id: "number-refresh", i18n: "number.refresh", onclick: () => ctx.go("number", params) });

  view.append(h("div", { class: "wide", id: "screen-number", "data-msisdn": msisdn },
    h("div", { class: "row" },
      h("button", { class: "link", id: "number-back", i18n: "number.back", onclick: () => ctx.back() }),
      h("span", { class: "spacer" }),
      refresh),
    status, info, general, labelsNotice, labels, sim, allowances, services));

  // Who uses the number: local, so it shows whatever the portal answers (offline too).
  const companyId = store.get("companyId");
  const showLabels = () => renderLabels(labels, companyId, msisdn,
    (change) => undoNotice(labelsNotice, companyId, change, showLabels));
  showLabels();

  const fail = (section, titleKey) => (err) => {
    const box = alertBox(`${section.id}-error`);
    box.showError(err);
    mount(section, h("h2", { i18n: titleKey }), box);
  };

  api.number_get({ msisdn }).then((cached) => {
    const d = cached.data;
    ctx.setConnection(cached);
    renderInfo(info, d.summary, cached, ctx);
    renderGeneral(general, d.general);
    renderSim(sim, d.sim, msisdn, ctx);
    ctx.applyConnection();
    if (params.section) document.getElementById(`number-${params.section}`)?.scrollIntoView();
  }).catch((err) => { status.showError(err); info.remove(); general.remove(); sim.remove(); });

  api.number_allowances({ msisdn }).then((cached) => {
    ctx.setConnection(cached);
    renderAllowances(allowances, cached);
  }).catch(fail(allowances, "number.allowance"));
  api.number_services({ msisdn }).then((cached) => {
    ctx.setConnection(cached);
    renderServices(services, cached, msisdn, ctx, info);
  }).catch(fail(services, "number.activated"));
}

/**
 * Block or Unblock, as the number's state allows, with the manual's confirmation: `controls` for
 * the button row, and a `note` (why there is no button, or an error) that goes under the row, so
 * a long text never pushes the row's buttons onto a line of their own.
 */
function blockControls(section, n, ctx) {
  const error = alertBox("block-error");
  if (n.state === "blocked_debt") return { controls: [], note: h("p", { class: "hint", id: "block-hint", i18n: "number.debt_hint" }) };
  if (n.state === "in_process") {
    // "Until the action is completed, the status will be In process": the watcher says when.
    onRequestChanged(section, async (record) => {
      if (record.msisdn !== n.msisdn) return;
      try {
        const fresh = await api.number_get({ msisdn: n.msisdn });
        renderInfo(section, fresh.data.summary, fresh, ctx);
      } catch (err) {
        error.showError(err);
      }
    });
    return { controls: [], note: h("p", { class: "hint", id: "block-hint", i18n: "number.in_process_hint" }) };
  }
  const action = blockAction(n.state);
  if (!action) return { controls: [], note: h("p", { class: "hint", id: "block-hint", i18n: "number.unknown_state_hint" }) };
  const block = action === "block";
  const button = h("button", { class: "secondary", id: "number-block", "data-needs-portal": true, i18n: block ? "number.block" : "number.unblock" });
  button.addEventListener("click", () => busy(button, async () => {
    error.clear();
    try {
      if (!(await askAndSetBlocked(n.msisdn, block))) return;
      const fresh = await api.number_get({ msisdn: n.msisdn });
      renderInfo(section, fresh.data.summary, fresh, ctx);
    } catch (err) {
      error.showError(err);
    }
  }));
  return { controls: [button], note: error };
}

function renderInfo(section, n, cached, ctx) {
  const limit = (v) => (v === null || v === undefined ? "–" : formatMoney(v));
  const block = blockControls(section, n, ctx);
  mount(section,
    h("h2", { i18n: "number.info" }),
    h("div", { class: "row" },
      h("span", { class: "big-number", id: "number-title", text: formatPhone(n.msisdn) }),
      bindText(h("span", { class: `state-${n.state}`, id: "number-state" }), () => stateLabel(n.state)),
      bindText(h("span", { class: "hint" }), () => (n.state === "in_process" ? "" : formatDateTime(n.state_changed_at))),
      h("span", { class: "spacer" }),
      h("button", { class: "secondary", id: "number-usage", i18n: "number.usage", onclick: () => ctx.go("usage", { msisdn: n.msisdn }) }),
      block.controls,
      moreOptions(n, ctx)),
    block.note,
    h("div", { class: "kv", style: "margin-top: 12px" },
      kv("number.tariff", n.tariff, "number-tariff"),
      kv("number.individual_limit", () => limit(n.individual_limit), "number-individual-limit"),
      kv("number.available_funds", () => limit(n.available_funds), "number-available-funds"),
      kv("number.credit_limit", () => formatMoney(n.credit_limit), "number-credit-limit"),
      kv("number.balance", () => formatMoney(n.balance), "number-balance"),
      kv("number.debt", () => formatMoney(n.debt), "number-debt")),
    asOf(cached));
  ctx.applyConnection();
}

/** The "..." menu of the number information: the actions registry's profile items (actions.js). */
function moreOptions(n, ctx) {
  const host = {
    open: (section) => document.getElementById(`number-${section ?? "info"}`)?.scrollIntoView({ block: "start" }),
    usage: () => ctx.go("usage", { msisdn: n.msisdn }),
    setBlocked: () => document.getElementById("number-block")?.click(),
    refresh: () => ctx.go("number", { msisdn: n.msisdn }),
    notice: (key, vars) => ctx.notice(key, vars),
    go: (screen, params) => ctx.go(screen, params),
  };
  const button = h("button", { class: "secondary", id: "number-more", "aria-haspopup": "menu", i18nTitle: "numbers.more", text: "⋯" });
  button.addEventListener("click", () => {
    openMenu(button, menuItems("profile", "more", n, host)).querySelector("button").focus();
    ctx.applyConnection();
  });
  return button;
}

function renderGeneral(section, g) {
  const ban = (on) => t(on ? "number.ban_on" : "number.ban_off");
  mount(section,
    h("h2", { i18n: "number.general" }),
    h("div", { class: "kv" },
      kv("number.payment", () => t(`payment.${g.payment_method}`)),
      kv("number.registration_form", g.registration_form),
      kv("number.account", g.account),
      kv("number.ban_sms_ussd", () => ban(g.ban_sms_ussd), "general-ban-sms_ussd"),
      kv("number.ban_mykcell_details", () => ban(g.ban_mykcell_details), "general-ban-mykcell_details"),
      kv("number.ban_mykcell", () => ban(g.ban_mykcell), "general-ban-mykcell"),
      kv("number.secret_code", () => secretCode(g.secret_code_sent_at), "general-secret-code")));
}

// Whether the number has a secret code and since when (Kazakhstan time, as every time here).
function secretCode(sentAt) {
  return sentAt ? t("number.secret_code_sent", { at: formatDateTimeKz(sentAt) }) : t("number.secret_code_none");
}

function renderSim(section, s, msisdn, ctx) {
  const codes = { pin1: "PIN1", pin2: "PIN2", puk1: "PUK1", puk2: "PUK2" };
  const cells = {};
  for (const key of Object.keys(codes)) cells[key] = h("div", { class: "value", id: `sim-${key}`, text: "••••" });
  const reveal = h("button", { class: "secondary", id: "sim-reveal", "data-needs-portal": true, i18n: "number.reveal" });
  const error = alertBox("sim-error");
  let shown = false;
  reveal.addEventListener("click", () => busy(reveal, async () => {
    error.clear();
    if (shown) {
      for (const cell of Object.values(cells)) cell.textContent = "••••";
      setText(reveal, "number.reveal");
      shown = false;
      return;
    }
    try {
      // Kept in the DOM only while shown; never cached or stored.
      const secrets = await api.number_sim_secrets({ msisdn });
      for (const key of Object.keys(codes)) cells[key].textContent = secrets[key];
      setText(reveal, "number.hide");
      shown = true;
    } catch (err) {
      error.showError(err);
    }
  }));
  // A SIM replacement in process (as the watcher last saw it) says so here; when the watcher
  // reports it done, the section is read again and shows the new SIM.
  const replacing = h("p", { class: "hint", id: "sim-replacement-status", hidden: true });
  api.number_requests({ msisdn }).then((requests) => {
    const open = requests.find((r) => r.kind === "sim_replacement" && r.state === "in_process");
    if (!open) return;
    setText(replacing, "sim.in_process", { iccid: open.detail ?? "" });
    replacing.hidden = false;
  }).catch(() => {});
  onRequestChanged(section, async (record) => {
    if (record.msisdn !== msisdn || record.kind !== "sim_replacement") return;
    try {
      const fresh = await api.number_get({ msisdn });
      if (section.isConnected) renderSim(section, fresh.data.sim, msisdn, ctx);
    } catch (err) {
      error.showError(err);
    }
  });
  mount(section,
    h("h2", { i18n: "number.sim" }),
    error,
    replacing,
    h("div", { class: "kv" },
      Object.entries(codes).map(([key, label]) => h("div", {}, h("div", { class: "label", text: label }), cells[key])),
      h("div", {}, h("div", { class: "label", text: "ICCID" }), h("div", { class: "value", id: "sim-iccid", text: s.iccid })),
      kv("number.sim_replaced", () => (s.sim_replaced_at ? formatDateTime(s.sim_replaced_at) : "–"), "sim-replaced-at"),
      h("div", {}, h("div", { class: "label", text: "IMEI" }), h("div", { class: "value", id: "sim-imei", text: s.imei ?? "–" }))),
    h("div", { class: "row", style: "margin-top: 10px" }, reveal));
  ctx.applyConnection();
}

function amount(a) {
  if (a.unlimited) return t("number.unlimited");
  const fmt = (v) => {
    if (a.kind === "voice") return t("unit.min", { m: Math.floor(v / 60), s: v % 60 });
    if (a.kind === "sms") return t("unit.sms", { n: v });
    if (a.kind === "data") return t("unit.mb", { n: v });
    return String(v); // a kind this version does not know: its figure as sent
  };
  return { available: fmt(a.available), total: fmt(a.total) };
}

function allowanceTable(list) {
  if (list.length === 0) return h("p", { class: "hint", i18n: "number.none" });
  return h("table", {},
    h("tbody", {}, list.map((a) => {
      const am = amount(a);
      return h("tr", {},
        h("td", { text: name(a) }),
        typeof am === "string"
          ? h("td", { colspan: 2, text: am })
          : [h("td", {}, h("span", { class: "hint", i18n: "number.available" }), " ", am.available),
            h("td", {}, h("span", { class: "hint", i18n: "number.total" }), " ", am.total)],
        h("td", {}, h("span", { class: "hint", i18n: "number.connected" }), " ", formatDate(a.connected_on)),
        h("td", {}, h("span", { class: "hint", i18n: "number.disconnect" }), " ", formatDate(a.disconnect_on)));
    })));
}

function renderAllowances(section, cached) {
  // Names, units and dates in the language shown: drawn again from the same answer when it changes.
  onLanguage(section, () => renderAllowances(section, cached));
  mount(section,
    h("h2", { i18n: "number.allowance" }), allowanceTable(cached.data.tariff),
    h("h2", { i18n: "number.additional", style: "margin-top: 14px" }), allowanceTable(cached.data.additional),
    asOf(cached));
}

function renderServices(section, cached, msisdn, ctx, info) {
  // Names, terms, volumes and costs in the language shown: drawn again from the same answer when
  // it changes (what the section says about the last change stays).
  onLanguage(section, () => renderServices(section, cached, msisdn, ctx, info));
  const status = section.querySelector("#services-status") ?? alertBox("services-status");
  const change = async (button, service, enable) => {
    const question = () => t(enable ? "number.confirm_enable" : "number.confirm_disable",
      { name: name(service), number: noWrap(formatPhone(msisdn)), cost: formatMoney(service.cost) });
    if (!(await formDialog({ id: "confirm-dialog", titleKey: enable ? "number.enable" : "number.disable", message: question }))) return;
    await busy(button, async () => {
      status.clear();
      try {
        const result = await api.act({ msisdn, kind: enable ? "service_enable" : "service_disable", params: { service: service.id } });
        renderInfo(info, result.number, { offline: false }, ctx);
        renderServices(section, { data: result.services, offline: false }, msisdn, ctx, info);
        document.getElementById("services-status").showBound("success", () => t(enable ? "number.enabled" : "number.disabled", { name: name(service) }));
      } catch (err) {
        status.showError(err);
      }
    });
  };
  const terms = (service) => termsToggle(localized(service, "terms"));

  const activated = cached.data.activated.map((a) => {
    const tm = terms(a.service);
    const disable = h("button", { class: "secondary", "data-needs-portal": true, "data-service": a.service.id, i18n: "number.disable",
      onclick: (e) => change(e.currentTarget, a.service, false) });
    return h("tr", { "data-testid": "activated-service", "data-service": a.service.id },
      h("td", {}, name(a.service), " ", tm.toggle, tm.terms),
      h("td", { class: "hint", text: t("number.activated_on", { time: formatDateTime(a.activated_at) }) }),
      h("td", {}, disable));
  });

  // The manual's groups first; a group this version does not know after them, by its name as sent.
  const unknown = [...new Set(cached.data.available.map((s) => s.category))].filter((c) => !CATEGORIES.includes(c));
  const groups = [...CATEGORIES, ...unknown].map((cat) => {
    const items = cached.data.available.filter((s) => s.category === cat);
    if (items.length === 0) return null;
    return [CATEGORIES.includes(cat) ? h("h3", { i18n: `cat.${cat}` }) : h("h3", { text: cat }),
      h("table", { class: "services" },
        h("thead", {}, h("tr", {}, h("th", { i18n: "svc.tariff" }), h("th", { i18n: "svc.volume" }), h("th", { class: "num", i18n: "svc.cost" }), h("th"))),
        h("tbody", {}, items.map((s) => {
          const tm = terms(s);
          return h("tr", { "data-testid": "available-service", "data-service": s.id },
            h("td", {}, name(s), " ", tm.toggle, tm.terms),
            h("td", { text: localized(s, "volume") }),
            h("td", { class: "num", text: formatMoney(s.cost) }),
            h("td", {}, h("button", { class: "secondary", "data-needs-portal": true, "data-service": s.id, i18n: "number.enable",
              onclick: (e) => change(e.currentTarget, s, true) })));
        })))];
  });

  mount(section,
    h("h2", { i18n: "number.activated" }),
    status,
    activated.length ? h("table", { id: "activated-services" }, h("tbody", {}, activated)) : h("p", { class: "hint", i18n: "number.none" }),
    h("h2", { i18n: "number.available_services", style: "margin-top: 18px" }),
    groups.flat().filter(Boolean),
    asOf(cached));
  ctx.applyConnection();
}
