// The state several screens share, in one place: the signed-in profile, the time of the data
// shown when it came from the cache (offline), whether a sync of the numbers runs, and the
// numbers list's view (its filter, scroll and selection, kept across visits). Why: screens
// wrote these as members of the shell's `ctx`, so nothing followed a change and any screen
// could write anything. Here a screen changes them with `set`, reads them with `get`, and
// follows one with `subscribe` (the shell follows `dataAsOf` to say "as of" in the top bar).
// Only the keys below exist: a misspelt one is an error, never a new member.

const state = { profile: null, dataAsOf: null, syncing: false, numbersView: null };
const listeners = new Map();

export const store = {
  /** The value of `key`. */
  get(key) {
    if (!(key in state)) throw new Error(`store: no ${key}`);
    return state[key];
  },

  /** Changes the given keys; each listener of a key that changed is called with its new value. */
  set(patch) {
    for (const [key, value] of Object.entries(patch)) {
      if (!(key in state)) throw new Error(`store: no ${key}`);
      if (state[key] === value) continue;
      state[key] = value;
      for (const fn of listeners.get(key) ?? []) fn(value);
    }
  },

  /** Calls `fn(value)` after each change of `key`; returns the function that stops it. */
  subscribe(key, fn) {
    if (!(key in state)) throw new Error(`store: no ${key}`);
    if (!listeners.has(key)) listeners.set(key, new Set());
    listeners.get(key).add(fn);
    return () => listeners.get(key).delete(fn);
  },
};
