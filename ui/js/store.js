// The state several screens share, in one place. Why: screens wrote it as members of the
// shell's `ctx`, so nothing followed a change and any screen could write anything. Here a
// screen reads a key with `get`, changes it with `set`, and follows it with `follow` (while its
// element is on the page) or `subscribe` (the shell, for the window's life). `ctx` keeps only
// services (go, back, notice, …), never state.
//
// The keys:
// - `info`: the app's info (`app_info`: settings with the language, the portal, the demo);
// - `profile`: the signed-in administrator (null: signed out);
// - `companies`, `companyId`: the administrator's companies and the one chosen in the top bar;
// - `online`: whether the portal answered last time it was asked;
// - `dataAsOf`: the fetch time of the cached data on screen, for "Offline, data as of …";
// - `syncing`: whether a sync of the numbers runs;
// - `numbersView`: the numbers list's filter, scroll and selection, kept across visits;
// - `autoSynced`: the companies whose list was brought up to date once this session;
// - `outboxOpen`: the demo outbox opened or closed by the "Demo portal" badge (null: as the
//   screen has it);
// - `demoPasswordChanged`: the demo login's password was changed, so its hint stops offering it;
// - `spendBasis`: Spend's figures with VAT or without (`with_vat`, `without_vat`).
// Only these keys exist: a misspelt one is an error, never a new member. A value is replaced,
// never changed in place, so each change reaches the followers (except `numbersView`, which
// its screen keeps up to date as the user scrolls, and nobody follows).

/** The values of a signed-out window. */
const SIGNED_OUT = {
  profile: null, companies: [], companyId: null, online: true, dataAsOf: null, syncing: false,
  numbersView: null, autoSynced: new Set(), outboxOpen: null, demoPasswordChanged: false,
  spendBasis: "with_vat",
};

const state = { info: null, ...SIGNED_OUT };
const listeners = new Map();
/** The followers bound to an element, `[element, stop]`, dropped once the element is gone. */
const followers = new Set();

const known = (key) => {
  if (!(key in state)) throw new Error(`store: no ${key}`);
};

export const store = {
  /** The value of `key`. */
  get(key) {
    known(key);
    return state[key];
  },

  /** Changes the given keys; each listener of a key that changed is called with its new value. */
  set(patch) {
    for (const [key, value] of Object.entries(patch)) {
      known(key);
      if (state[key] === value) continue;
      state[key] = value;
      for (const fn of [...(listeners.get(key) ?? [])]) fn(value);
    }
  },

  /** Back to a signed-out window (sign-out, a session that expired); `info` stays. */
  signOut() {
    this.set({ ...SIGNED_OUT, autoSynced: new Set() });
  },

  /** Calls `fn(value)` after each change of `key`; returns the function that stops it. */
  subscribe(key, fn) {
    known(key);
    if (!listeners.has(key)) listeners.set(key, new Set());
    listeners.get(key).add(fn);
    return () => listeners.get(key).delete(fn);
  },

  /**
   * Calls `fn(value)` after each change of `key` while `owner` (a screen's element) is on the
   * page: a screen follows the state with this, and stops when it is left (`sweep`, which the
   * shell calls on every move, or at the first change after the element is gone).
   */
  follow(owner, key, fn) {
    const stop = this.subscribe(key, (value) => {
      if (owner.isConnected) fn(value);
      else stop();
    });
    const entry = [owner, stop];
    followers.add(entry);
    return () => { followers.delete(entry); stop(); };
  },

  /** Stops every follower whose element has left the page (the shell, after drawing a screen). */
  sweep() {
    for (const entry of followers) {
      if (entry[0].isConnected) continue;
      followers.delete(entry);
      entry[1]();
    }
  },
};
