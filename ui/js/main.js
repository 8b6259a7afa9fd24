// The app's shell: boots, keeps the top bar (company selector, connection state, language),
// and moves between screens. Each screen is a module with `render(view, ctx, params)`.

import { api, onSessionExpired } from "./api.js";
import { setLang, t } from "./i18n.js";
import { formatDateTime, h } from "./dom.js";
import * as outbox from "./outbox.js";
import * as loginScreen from "./screens/login.js";
import * as recoveryScreen from "./screens/recovery.js";
import * as homeScreen from "./screens/home.js";
import * as profileScreen from "./screens/profile.js";
import * as helpScreen from "./screens/help.js";
import * as settingsScreen from "./screens/settings.js";

const screens = {
  login: loginScreen,
  recovery: recoveryScreen,
  home: homeScreen,
  profile: profileScreen,
  help: helpScreen,
  settings: settingsScreen,
};

const $ = (id) => document.getElementById(id);

/** What every screen may use. */
const ctx = {
  info: null,
  profile: null,
  companies: [],
  companyId: null,
  current: { name: null, params: {} },

  signedIn() {
    return this.profile !== null;
  },

  go(name, params = {}) {
    this.current = { name, params };
    const view = $("view");
    view.replaceChildren();
    screens[name].render(view, this, params);
    $("outbox").hidden = !(this.info?.demo && !this.signedIn());
    view.focus();
  },

  back() {
    this.go(this.signedIn() ? "home" : "login");
  },

  /** Shows a passing message under the top bar. */
  notice(key, vars = {}) {
    const el = $("notice");
    el.dataset.i18n = key;
    el._vars = vars;
    el.textContent = t(key, vars);
    el.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { el.hidden = true; }, 8000);
  },

  /** Shows the "Online" / "Offline, data as of ..." state from a cached answer. */
  setConnection(cached) {
    const el = $("connection");
    el.hidden = false;
    el.classList.toggle("offline", Boolean(cached?.offline));
    el.dataset.i18n = cached?.offline ? "conn.offline" : "conn.online";
    el._vars = { time: cached?.offline ? formatDateTime(cached.fetched_at) : "" };
    el.textContent = t(el.dataset.i18n, el._vars);
  },

  /** Signed in: loads the companies and opens the company screen. */
  async enter(profileCached) {
    this.profile = profileCached.data;
    this.setConnection(profileCached);
    showSignedIn(true);
    await this.loadCompanies();
    this.go("home");
  },

  async loadCompanies() {
    const list = await api.companies_list();
    this.companies = list.data;
    this.companiesFetched = list;
    if (!this.companies.some((c) => c.id === this.companyId)) this.companyId = this.companies[0]?.id ?? null;
    this.setConnection(list);
    fillCompanySelect();
  },

  signOutUi() {
    this.profile = null;
    this.companies = [];
    this.companyId = null;
    showSignedIn(false);
  },

  async applyInfo(info) {
    this.info = info;
    setLang(info.settings.language);
    $("lang-select").value = info.settings.language;
    $("demo-badge").hidden = !info.demo;
    if (info.demo) outbox.start($("outbox"));
    else outbox.stop($("outbox"));
  },
};

function showSignedIn(on) {
  $("company-picker").hidden = !on;
  $("nav-profile").hidden = !on;
  $("nav-logout").hidden = !on;
  $("connection").hidden = !on;
}

function fillCompanySelect() {
  const select = $("company-select");
  select.replaceChildren(...ctx.companies.map((c) => h("option", { value: c.id, text: c.display_name })));
  if (ctx.companyId !== null) select.value = String(ctx.companyId);
}

function wireTopBar() {
  $("company-select").addEventListener("change", (e) => {
    ctx.companyId = Number(e.target.value);
    if (ctx.current.name === "home") ctx.go("home");
  });
  $("nav-profile").addEventListener("click", () => ctx.go("profile"));
  $("nav-help").addEventListener("click", () => ctx.go("help"));
  $("nav-settings").addEventListener("click", () => ctx.go("settings"));
  $("nav-logout").addEventListener("click", async () => {
    await api.logout().catch(() => {});
    ctx.signOutUi();
    ctx.go("login");
  });
  $("lang-select").addEventListener("change", async (e) => {
    const language = e.target.value;
    setLang(language);
    try {
      ctx.info = await api.settings_save({ settings: { ...ctx.info.settings, language } });
    } catch (err) {
      console.warn("language not saved", err);
    }
  });
  document.addEventListener("kabinet-langchange", () => {
    const el = $("connection");
    if (!el.hidden && ctx.companiesFetched) ctx.setConnection(ctx.companiesFetched);
    if (screens[ctx.current.name]?.rerenderOnLanguage) ctx.go(ctx.current.name, ctx.current.params);
  });
}

async function boot() {
  wireTopBar();
  onSessionExpired(() => {
    ctx.signOutUi();
    ctx.go("login", { noticeKey: "err.session_expired" });
  });
  await ctx.applyInfo(await api.app_info());
  let restored = null;
  try {
    restored = await api.session_restore();
  } catch (err) {
    console.warn("session not restored", err);
  }
  if (restored) {
    try {
      await ctx.enter(restored);
      return;
    } catch (err) {
      ctx.signOutUi();
    }
  }
  ctx.go("login");
}

boot();
