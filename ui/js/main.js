// The app's shell: boots, keeps the top bar (company selector, connection state, language),
// and moves between screens. Each screen is a module with `render(view, ctx, params)`.

import { api, onSessionExpired, onUnreachable } from "./api.js";
import { setLang, setText, t } from "./i18n.js";
import { h } from "./dom.js";
import { formatDateTimeKz } from "./format.js";
import * as outbox from "./outbox.js";
import * as intents from "./intents.js";
import { loadActions } from "./number_rules.js";
import { createRouter } from "./router.js";
import { store } from "./store.js";
import * as loginScreen from "./screens/login.js";
import * as recoveryScreen from "./screens/recovery.js";
import * as numbersScreen from "./screens/numbers.js";
import * as numberScreen from "./screens/number.js";
import * as devicesScreen from "./screens/devices.js";
import * as usageScreen from "./screens/usage.js";
import * as paymentsScreen from "./screens/payments.js";
import * as documentsScreen from "./screens/documents.js";
import * as bulkScreen from "./screens/bulk.js";
import * as transferScreen from "./screens/transfer.js";
import * as profileScreen from "./screens/profile.js";
import * as helpScreen from "./screens/help.js";
import * as settingsScreen from "./screens/settings.js";

const screens = {
  login: loginScreen,
  recovery: recoveryScreen,
  home: numbersScreen,
  number: numberScreen,
  devices: devicesScreen,
  usage: usageScreen,
  payments: paymentsScreen,
  documents: documentsScreen,
  bulk: bulkScreen,
  transfer: transferScreen,
  profile: profileScreen,
  help: helpScreen,
  settings: settingsScreen,
};

const $ = (id) => document.getElementById(id);

/** Draws a screen: every move of the router (go, back, forward) ends here. */
function show({ name, params }) {
  ctx.current = { name, params };
  store.set({ dataAsOf: null });
  document.getElementById("row-menu")?.remove();
  const view = $("view");
  view.replaceChildren();
  screens[name].render(view, ctx, params);
  showMainTab(name);
  showOutbox();
  view.focus();
}

/**
 * The demo outbox: open beside the login and recovery screens, closed once signed in, and
 * switched either way by the top bar's "Demo portal" badge (to read the SMS the demo portal
 * sent to a number, such as a secret code).
 */
function showOutbox() {
  const open = Boolean(ctx.info?.demo) && (ctx.outboxOpen ?? !ctx.signedIn());
  $("outbox").hidden = !open;
  $("demo-badge").setAttribute("aria-pressed", String(open));
}

/** The main tab the screen belongs to: Documents and reports, Balance transfer, or Number management. */
function showMainTab(name) {
  const tab = ["documents", "transfer"].includes(name) ? name : "home";
  for (const button of document.querySelectorAll("#main-tabs [role=tab]")) {
    button.setAttribute("aria-selected", String(button.dataset.tab === tab));
  }
}

const router = createRouter(show, () => {
  $("nav-back").disabled = !router.canBack();
  $("nav-forward").disabled = !router.canForward();
});

/** What every screen may use. The state screens share is read here, changed in store.js. */
const ctx = {
  info: null,
  get profile() { return store.get("profile"); },
  companies: [],
  companyId: null,
  current: { name: null, params: {} },
  /** The demo outbox opened or closed by the "Demo portal" badge; null: as the screen has it. */
  outboxOpen: null,
  /** Whether the portal answered last time we asked. */
  online: true,
  /** The fetch time of the data on screen, for "Offline, data as of ...". */
  get dataAsOf() { return store.get("dataAsOf"); },
  get numbersView() { return store.get("numbersView"); },
  autoSynced: new Set(),

  signedIn() {
    return this.profile !== null;
  },

  go(name, params = {}) {
    router.go(name, params);
  },

  /** Back to the screen before (the list when there is none). */
  back() {
    if (!router.back()) this.go(this.signedIn() ? "home" : "login");
  },

  /** The screen Back leads to, if any (`{name, params}`), for a back button's label. */
  previous() {
    return router.previous;
  },

  /** Shows a passing message under the top bar. */
  notice(key, vars = {}) {
    const el = $("notice");
    setText(el, key, vars);
    el.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { el.hidden = true; }, 8000);
  },

  /** Hides the passing message (what it announced has happened). */
  clearNotice() {
    clearTimeout(this.noticeTimer);
    $("notice").hidden = true;
  },

  /** Notes what a cached answer says about the connection. */
  setConnection(cached) {
    if (!cached) return;
    if (cached.offline) store.set({ dataAsOf: cached.fetched_at });
    this.setOnline(!cached.offline);
  },

  /** Switches between online and offline: the top bar, the banner, and every action button. */
  setOnline(online) {
    const changed = online !== this.online;
    this.online = online;
    this.applyConnection();
    if (!online) watchConnection();
    const onDataScreen = !["login", "recovery"].includes(this.current.name);
    if (changed && online && this.signedIn() && onDataScreen) {
      // Back online: refresh what is on screen, without a restart.
      this.loadCompanies().then(() => this.go(this.current.name, this.current.params)).catch(() => {});
      intents.checkLeftOver();
    }
  },

  /** Disables what needs the portal while offline, and says why. */
  applyConnection() {
    const el = $("connection");
    el.hidden = !this.signedIn();
    el.classList.toggle("offline", !this.online);
    setText(el, this.online ? "conn.online" : "conn.offline", { time: this.dataAsOf ? formatDateTimeKz(this.dataAsOf) : "—" });
    $("offline-banner").hidden = this.online || !this.signedIn();
    for (const button of document.querySelectorAll("[data-needs-portal]")) {
      button.disabled = !this.online;
      if (this.online) button.removeAttribute("title");
      else button.title = t("conn.needs_portal");
    }
  },

  /** Calls `fn(progress)` for each sync-progress event; resolves to a function that stops it. */
  async onSyncProgress(fn) {
    return window.__TAURI__.event.listen("sync-progress", (e) => fn(e.payload));
  },

  /** Signed in: loads the companies and opens the company screen. */
  async enter(profileCached) {
    store.set({ profile: profileCached.data });
    showSignedIn(true);
    router.reset();
    this.outboxOpen = null;
    this.setConnection(profileCached);
    watchConnection();
    await this.loadCompanies();
    this.go("home");
    // Actions left without an answer (a crash, a lost connection): shown and asked about.
    intents.checkLeftOver();
  },

  async loadCompanies() {
    const list = await api.companies_list();
    this.companies = list.data;
    if (!this.companies.some((c) => c.id === this.companyId)) this.companyId = this.companies[0]?.id ?? null;
    this.setConnection(list);
    fillCompanySelect();
  },

  signOutUi() {
    intents.clear();
    store.set({ profile: null, dataAsOf: null, numbersView: null });
    this.online = true;
    this.autoSynced = new Set();
    this.companies = [];
    this.companyId = null;
    this.outboxOpen = null;
    router.reset();
    showSignedIn(false);
  },

  /** A password was set for `phone`: if it is the demo login's, its hint stops offering the old one. */
  passwordChanged(phone) {
    if (this.info?.demo?.phone === phone) this.demoPasswordChanged = true;
  },

  /** The demo login to offer on the login screen ({phone, password}; password null once changed). */
  demoLogin() {
    const demo = this.info?.demo;
    if (!demo) return null;
    return this.demoPasswordChanged ? { ...demo, password: null } : demo;
  },

  async applyInfo(info) {
    this.info = info;
    setLang(info.settings.language);
    $("lang-select").value = info.settings.language;
    $("demo-badge").hidden = !info.demo;
    showCacheNotice(info.cache_notice);
    if (info.demo) outbox.start($("outbox"));
    else outbox.stop($("outbox"));
  },
};

/**
 * Says what happened to a cache file that could not be opened at start: moved aside (and where
 * the old file is) with a fresh cache, or a session kept in memory. Shown until dismissed.
 */
function showCacheNotice(notice) {
  const box = $("cache-notice");
  if (!notice || ctx.cacheNoticeDismissed) {
    box.hidden = true;
    return;
  }
  const key = !notice.moved_to ? "cache.memory_only" : notice.in_memory ? "cache.moved_memory_only" : "cache.recovered";
  setText($("cache-notice-text"), key, { path: notice.moved_to ?? "" });
  box.title = notice.reason;
  box.hidden = false;
}

let watching = null;

/** While offline, asks every few seconds whether the portal is back; online, once a minute. */
function watchConnection() {
  clearTimeout(watching);
  const tick = async () => {
    watching = null;
    if (!ctx.signedIn()) return;
    let up = false;
    try {
      up = await api.connection_check();
    } catch {
      up = false;
    }
    if (up !== ctx.online) ctx.setOnline(up);
    watching = setTimeout(tick, up ? 60000 : 3000);
  };
  watching = setTimeout(tick, ctx.online ? 60000 : 3000);
}

function showSignedIn(on) {
  $("main-tabs").hidden = !on;
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
    // Nothing of the old company may stay on screen (a number, its usage, its actions).
    // Back must not lead there either: the history starts again at the new company's list.
    if (screens[ctx.current.name]?.belongsToCompany) {
      router.reset();
      ctx.go("home");
    }
  });
  $("nav-back").addEventListener("click", () => ctx.back());
  $("nav-forward").addEventListener("click", () => router.forward());
  // Alt+← / Alt+→, and the mouse's back and forward buttons, as in a browser.
  document.addEventListener("keydown", (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || document.querySelector("dialog[open]")) return;
    if (e.key === "ArrowLeft" && router.canBack()) { e.preventDefault(); ctx.back(); }
    if (e.key === "ArrowRight" && router.canForward()) { e.preventDefault(); router.forward(); }
  });
  document.addEventListener("mouseup", (e) => {
    if (document.querySelector("dialog[open]")) return;
    if (e.button === 3 && router.canBack()) { e.preventDefault(); ctx.back(); }
    if (e.button === 4 && router.canForward()) { e.preventDefault(); router.forward(); }
  });
  for (const button of document.querySelectorAll("#main-tabs [role=tab]")) {
    button.addEventListener("click", () => ctx.go(button.dataset.tab));
  }
  $("nav-profile").addEventListener("click", () => ctx.go("profile"));
  $("demo-badge").addEventListener("click", () => {
    ctx.outboxOpen = $("outbox").hidden;
    showOutbox();
  });
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
  // The data's "as of" time changed (a cached answer, a sync): the top bar says it.
  store.subscribe("dataAsOf", () => { if (!$("connection").hidden) ctx.applyConnection(); });
  document.addEventListener("kabinet-langchange", () => {
    const el = $("connection");
    if (!el.hidden) ctx.applyConnection();
    if (screens[ctx.current.name]?.rerenderOnLanguage) ctx.go(ctx.current.name, ctx.current.params);
  });
}

async function boot() {
  $("cache-notice-dismiss").addEventListener("click", () => {
    ctx.cacheNoticeDismissed = true;
    $("cache-notice").hidden = true;
  });
  onUnreachable(() => ctx.setOnline(false));
  onSessionExpired(() => {
    ctx.signOutUi();
    ctx.go("login", { noticeKey: "err.session_expired" });
  });
  await ctx.applyInfo(await api.app_info());
  // The top bar's screens (Settings, Help) need the app's info, so it works from here on.
  wireTopBar();
  // Without the table no action is offered, which is safe; the app still works.
  await loadActions().catch((err) => console.warn("actions not read", err));
  let restored = null;
  try {
    restored = await api.session_restore();
  } catch (err) {
    console.warn("session not restored", err);
  }
  if (restored) {
    try {
      await ctx.enter(restored);
      return booted();
    } catch (err) {
      ctx.signOutUi();
    }
  }
  // A screen the user opened from the top bar meanwhile (Settings, Help) stays; only an empty
  // window gets the login screen.
  if (!ctx.current.name) ctx.go("login");
  booted();
}

/** Marks the window as started (end-to-end tests wait for it before they act). */
function booted() {
  document.body.dataset.booted = "true";
}

boot();
