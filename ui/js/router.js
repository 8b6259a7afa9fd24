// Where the user has been, for Back and Forward (the top bar's ← →, Alt+← / Alt+→, and the
// mouse's back and forward buttons), as a browser does: going somewhere new drops what was
// ahead. Screens go back with `ctx.back()` instead of naming where they came from.
//
// Opening the screen that is already shown (a refresh, a language change) replaces it instead
// of adding a step. Signing in or out starts a new history, so Back never leads to another
// session's screens.

const same = (a, b) => a && b && a.name === b.name && JSON.stringify(a.params) === JSON.stringify(b.params);

/** A history over `show(entry)`, which draws `{name, params}`; `changed()` after every move. */
export function createRouter(show, changed = () => {}) {
  let entries = [];
  let index = -1;
  const draw = () => { show(entries[index]); changed(); };
  return {
    get current() { return entries[index] ?? null; },
    /** The entry Back leads to, if any. */
    get previous() { return entries[index - 1] ?? null; },
    canBack: () => index > 0,
    canForward: () => index < entries.length - 1,
    go(name, params = {}) {
      const entry = { name, params };
      if (same(entry, entries[index])) entries[index] = entry;
      else { entries = entries.slice(0, index + 1); entries.push(entry); index += 1; }
      draw();
    },
    back() { if (index > 0) { index -= 1; draw(); return true; } return false; },
    forward() { if (index < entries.length - 1) { index += 1; draw(); return true; } return false; },
    /** Forgets every step (sign-in, sign-out). */
    reset() { entries = []; index = -1; changed(); },
  };
}
