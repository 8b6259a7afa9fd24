// The app's shell: boots, keeps the top bar (company selector, connection state, language),
// and moves between screens. Each screen is a module with `render(view, ctx, params)`: `ctx`
// gives it services (go, back, notice, the connection, sign-in and out); the state screens
// share is in store.js, which the shell follows to keep the top bar and the screen up to date.
// The shell's own timers (the passing notice, the connection watcher) and the cache notice's
// "dismissed" are app-wide: one window, one of each.

import { api, onSessionExpired, onUnreachable } from "./api.js";
import { bindText, currentLang, languageOptions, setLang, setText, setTip, t } from "./i18n.js";
import { h } from "./dom.js";
import { formatDateTimeKz } from "./format.js";
import * as outbox from "./outbox.js";
import * as intents from "./intents.js";
import * as updates from "./updates.js";
import { loadActions } from "./number_rules.js";
import { createRouter } from "./router.js";
import { store } from "./store.js";
import * as loginScreen from "./screens/login.js";

/**
 * The start's marks (`performance.now()` by name), sent to the app's log once the start is over
 * (`sendStartTiming`; src-tauri/timing.rs logs them as milliseconds since the launch).
 */
const startMarks = {};
const mark = (name) => { startMarks[name] = performance.now(); };
// Everything main.js imports has been read and run by now.
mark("modules_run");

/**
 * The screens by name. Only the login screen is in the first paint's modules; the others (and
 * what they import: about sixty files, the charts' library) are read after it is on screen
 * (`preloadScreens`), or when first shown if that comes sooner.
 */
const screenModules = {
  recovery: () => import("./screens/recovery.js"),
  home: () => import("./screens/numbers.js"),
  number: () => import("./screens/number.js"),
  devices: () => import("./screens/devices.js"),
  usage: () => import("./screens/usage.js"),
  payments: () => import("./screens/payments.js"),
  documents: () => import("./screens/documents.js"),
  bulk: () => import("./screens/bulk.js"),
  transfer: () => import("./screens/transfer.js"),
  profile: () => import("./screens/profile.js"),
  help: () => import("./screens/help.js"),
  about: () => import("./screens/about.js"),
  settings: () => import("./screens/settings.js"),
  spend: () => import("./screens/spend.js"),
  changes: () => import("./screens/changes.js"),
};
/** The screens read so far, by name. */
const screens = { login: loginScreen };

/** The screen `name`'s module, read once. */
async function loadScreen(name) {
  screens[name] ??= await screenModules[name]();
  return screens[name];
}

/** Reads every screen's module, one after another, once the first screen is drawn. */
async function preloadScreens() {
  for (const name of Object.keys(screenModules)) {
    await loadScreen(name).catch((err) => console.warn(`screen ${name} not read`, err));
  }
}

const $ = (id) => document.getElementById(id);

/** The last move asked for: a screen still being read is not drawn once another was asked for. */
let showing = null;

/** Draws a screen: every move of the router (go, back, forward) ends here. */
function show(move) {
  showing = move;
  if (screens[move.name]) return draw(move);
  loadScreen(move.name).then(() => { if (showing === move) draw(move); });
}

function draw({ name, params }) {
  store.set({ dataAsOf: null });
  document.getElementById("row-menu")?.remove();
  const view = $("view");
  view.replaceChildren();
  // What the screen left followed is stopped now, before the next one follows anything.
  store.sweep();
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
  const open = Boolean(store.get("info")?.demo) && (store.get("outboxOpen") ?? !signedIn());
  $("outbox").hidden = !open;
  $("demo-badge").setAttribute("aria-pressed", String(open));
}

/** The main tab the screen belongs to: Documents and reports, Spend, Balance transfer, or Number management. */
function showMainTab(name) {
  const tab = ["documents", "spend", "transfer"].includes(name) ? name : "home";
  for (const button of document.querySelectorAll("#main-tabs [role=tab]")) {
    button.setAttribute("aria-selected", String(button.dataset.tab === tab));
  }
}

const router = createRouter(show, () => {
  $("nav-back").disabled = !router.canBack();
  $("nav-forward").disabled = !router.canForward();
});

const signedIn = () => store.get("profile") !== null;

/** The passing message under the top bar: the shell's one timer for it. */
let noticeTimer = null;

/**
 * The services every screen may use: moving between screens, the passing notice, the
 * connection, signing in and out. No state: what screens share is in store.js.
 */
const ctx = {
  /** The screen shown (`{name, params}`). */
  get current() {
    return router.current ?? { name: null, params: {} };
  },

  /** The company chosen in the top bar. Read only; kept for screens/bulk.js (store `companyId`). */
  get companyId() {
    return store.get("companyId");
  },

  signedIn,

  go(name, params = {}) {
    router.go(name, params);
  },

  /** Back to the screen before (the list when there is none). */
  back() {
    if (!router.back()) this.go(signedIn() ? "home" : "login");
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
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { el.hidden = true; }, 8000);
  },

  /** Hides the passing message (what it announced has happened). */
  clearNotice() {
    clearTimeout(noticeTimer);
    $("notice").hidden = true;
  },

  /** Notes what a cached answer says about the connection. */
  setConnection(cached) {
    if (!cached) return;
    if (cached.offline) store.set({ dataAsOf: cached.fetched_at });
    this.setOnline(!cached.offline);
  },

  /** Notes whether the portal answered (store `online`; the shell follows it). */
  setOnline(online) {
    store.set({ online });
    if (!online) watchConnection();
    this.applyConnection();
  },

  /** Disables what needs the portal while offline, and says why (also on what was just drawn). */
  applyConnection() {
    const online = store.get("online");
    const el = $("connection");
    el.hidden = !signedIn();
    el.classList.toggle("offline", !online);
    const asOf = store.get("dataAsOf");
    bindText(el, () => t(online ? "conn.online" : "conn.offline", { time: asOf ? formatDateTimeKz(asOf) : "—" }));
    $("offline-banner").hidden = online || !signedIn();
    for (const button of document.querySelectorAll("[data-needs-portal]")) {
      button.disabled = !online;
      setTip(button, online ? null : "conn.needs_portal");
    }
  },

  /** Calls `fn(progress)` for each sync-progress event; resolves to a function that stops it. */
  async onSyncProgress(fn) {
    return window.__TAURI__.event.listen("sync-progress", (e) => fn(e.payload));
  },

  /** Calls `fn({company_id, months})` when a sync's charges step ended (it runs behind the sync);
   * resolves to a function that stops it. */
  async onChargesRefreshed(fn) {
    return window.__TAURI__.event.listen("charges-refreshed", (e) => fn(e.payload));
  },

  /** Signed in: loads the companies and opens the company screen. */
  async enter(profileCached) {
    router.reset();
    store.set({ profile: profileCached.data, outboxOpen: null });
    this.setConnection(profileCached);
    watchConnection();
    await this.loadCompanies();
    this.go("home");
    // Actions left without an answer (a crash, a lost connection): shown and asked about.
    intents.checkLeftOver();
  },

  /** Reads the companies again (the top bar and the screens that show them follow). */
  async loadCompanies() {
    const list = await api.companies_list();
    const companies = list.data;
    const chosen = store.get("companyId");
    store.set({ companies, companyId: companies.some((c) => c.id === chosen) ? chosen : companies[0]?.id ?? null });
    this.setConnection(list);
  },

  signOutUi() {
    intents.clear();
    router.reset();
    store.signOut();
  },

  /** A password was set for `phone`: if it is the demo login's, its hint stops offering the old one. */
  passwordChanged(phone) {
    if (store.get("info")?.demo?.phone === phone) store.set({ demoPasswordChanged: true });
  },

  /** The demo login to offer on the login screen ({phone, password}; password null once changed). */
  demoLogin() {
    const demo = store.get("info")?.demo;
    if (!demo) return null;
    return store.get("demoPasswordChanged") ? { ...demo, password: null } : demo;
  },

  /** The app's info changed (start, Settings saved): the top bar follows it. */
  applyInfo(info) {
    store.set({ info });
  },
};

/** The app's info: its language, the demo badge and outbox, what happened to the cache. */
function showInfo(info) {
  if (info.settings.language !== currentLang()) setLang(info.settings.language);
  $("lang-select").value = info.settings.language;
  $("demo-badge").hidden = !info.demo;
  showCacheNotice(info.cache_notice);
  // Started once per demo portal (a language saved changes the info, not the portal).
  if (!info.demo) outbox.stop($("outbox"));
  else if (!$("outbox").hasChildNodes()) outbox.start($("outbox"));
  showOutbox();
}

/** Whether the cache notice was dismissed: it stays closed until the app starts again. */
let cacheNoticeDismissed = false;

/**
 * Says what happened to a cache file that could not be opened at start: moved aside (and where
 * the old file is) with a fresh cache, or a session kept in memory. Shown until dismissed.
 */
function showCacheNotice(notice) {
  const box = $("cache-notice");
  if (!notice || cacheNoticeDismissed) {
    box.hidden = true;
    return;
  }
  const key = !notice.moved_to ? "cache.memory_only" : notice.in_memory ? "cache.moved_memory_only" : "cache.recovered";
  setText($("cache-notice-text"), key, { path: notice.moved_to ?? "" });
  box.title = notice.reason;
  box.hidden = false;
}

/** The connection watcher's next check: the shell's one timer for it. */
let watching = null;

/** While offline, asks every few seconds whether the portal is back; online, once a minute. */
function watchConnection() {
  clearTimeout(watching);
  const tick = async () => {
    watching = null;
    if (!signedIn()) return;
    let up = false;
    try {
      up = await api.connection_check();
    } catch {
      up = false;
    }
    if (up !== store.get("online")) ctx.setOnline(up);
    watching = setTimeout(tick, up ? 60000 : 3000);
  };
  watching = setTimeout(tick, store.get("online") ? 60000 : 3000);
}

/** Back online: what is on screen is read again, without a restart. */
function backOnline() {
  const onDataScreen = !["login", "recovery"].includes(ctx.current.name);
  if (!signedIn() || !onDataScreen) return;
  ctx.loadCompanies().then(() => ctx.go(ctx.current.name, ctx.current.params)).catch(() => {});
  intents.checkLeftOver();
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
  select.replaceChildren(...store.get("companies").map((c) => h("option", { value: c.id, text: c.display_name })));
  const chosen = store.get("companyId");
  if (chosen !== null) select.value = String(chosen);
  // The picker gives up width in a narrow window: its whole name stays in the tooltip.
  select.title = select.selectedOptions[0]?.textContent ?? "";
}

/** The shell follows the shared state: the top bar, and the screen when the company changes. */
function followStore() {
  store.subscribe("info", showInfo);
  store.subscribe("profile", (profile) => { showSignedIn(profile !== null); showOutbox(); });
  store.subscribe("outboxOpen", showOutbox);
  store.subscribe("companies", fillCompanySelect);
  store.subscribe("companyId", () => {
    fillCompanySelect();
    // Nothing of the old company may stay on screen (a number, its usage, its actions).
    // Back must not lead there either: the history starts again at the new company's list.
    if (screens[ctx.current.name]?.belongsToCompany) {
      router.reset();
      ctx.go("home");
    }
  });
  store.subscribe("online", (online) => {
    ctx.applyConnection();
    if (online) backOnline();
  });
  // The data's "as of" time changed (a cached answer, a sync): the top bar says it.
  store.subscribe("dataAsOf", () => { if (!$("connection").hidden) ctx.applyConnection(); });
}

function wireTopBar() {
  $("company-select").addEventListener("change", (e) => store.set({ companyId: Number(e.target.value) }));
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
  $("demo-badge").addEventListener("click", () => store.set({ outboxOpen: $("outbox").hidden }));
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
    // Settings, when open, has a picker of its own: it follows, or its Save would undo this.
    if ($("settings-language")) $("settings-language").value = language;
    try {
      const info = store.get("info");
      store.set({ info: await api.settings_save({ settings: { ...info.settings, language } }) });
    } catch (err) {
      console.warn("language not saved", err);
    }
  });
}

async function boot() {
  // The picker has its options before the info picks one: else it shows the first option
  // (Қазақша) until the start's info comes, and the drawn login screen changes after the start.
  languageOptions($("lang-select"));
  followStore();
  $("cache-notice-dismiss").addEventListener("click", () => {
    cacheNoticeDismissed = true;
    $("cache-notice").hidden = true;
  });
  onUnreachable(() => ctx.setOnline(false));
  onSessionExpired(() => {
    ctx.signOutUi();
    ctx.go("login", { noticeKey: "err.session_expired" });
  });
  // What is known at once (the settings, the demo login as last seen): the login screen is
  // drawn first, usable at once; the cache and the portal open after it is on screen.
  const info = await api.app_info();
  mark("info_answered");
  // The first screen is drawn in the user's language: its texts are read first (English is).
  await setLang(info.settings.language);
  ctx.applyInfo(info);
  // The top bar's screens (Settings, Help) need the app's info, so it works from here on.
  wireTopBar();
  ctx.go("login");
  mark("login_drawn");
  await painted();
  mark("painted");
  readLaterStyles();
  // Not awaited: the answer (or none, offline) must not hold the start.
  updates.checkAtStart();
  // A sign-in pressed meanwhile waits for the same start (the login screen says so).
  const started = api.app_start().then((info) => ctx.applyInfo(info));
  // Without the table no action is offered, which is safe; the app still works.
  await loadActions().catch((err) => console.warn("actions not read", err));
  let restored = null;
  try {
    await started;
    restored = await api.session_restore();
  } catch (err) {
    console.warn("session not restored", err);
  }
  // Signed in by hand meanwhile: that session stands.
  if (restored && !signedIn()) {
    try {
      await ctx.enter(restored);
    } catch (err) {
      ctx.signOutUi();
      ctx.go("login");
    }
  }
  mark("started");
  booted();
  sendStartTiming();
  // The other screens' modules, now that nothing else is waited for.
  preloadScreens();
}

/**
 * The stylesheets of the screens after the login (the Spend area's and its charts'): read once
 * the login screen is painted, so the first paint waits for one stylesheet, not three.
 */
function readLaterStyles() {
  for (const href of ["vendor/uplot/uPlot.min.css", "spend.css"]) {
    document.head.append(h("link", { rel: "stylesheet", href }));
  }
}

/** Resolves once what is on the page has been painted: the second frame from now has begun. */
function painted() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * Sends the start's marks, with the page's own (its HTML read and parsed). WebKit keeps no
 * resource timing of the app's own scheme, so the modules' reads are one phase (`modules_run`).
 */
function sendStartTiming() {
  const marks = { ...startMarks };
  const page = performance.getEntriesByType("navigation")[0];
  if (page) Object.assign(marks, { html_read: page.responseEnd, html_parsed: page.domInteractive });
  const timing = { time_origin: performance.timeOrigin, marks };
  api.app_start_timing({ timing }).catch((err) => console.warn("start timing not logged", err));
}

/** Marks the window as started (end-to-end tests wait for it before they act). */
function booted() {
  document.body.dataset.booted = "true";
}

boot();
