// The one listener of bulk runs' progress: the app runs a bulk action in the background and
// sends `bulk-progress` (the run: its counts, its state and an estimate) after each number, at
// most ten times a second and always once at the end. Screens subscribe here instead of
// listening (or polling) on their own, as requests.js does for `request-changed`. The listener
// and its subscribers are app-wide (one per window); a subscriber ends with its element.

const listeners = new Map();
let listening = null;

/**
 * Calls `fn(run)` for each progress event while `owner` (the element that shows the run) is on
 * screen. One subscription per element: subscribing again replaces it, and it ends by itself
 * once the element is gone.
 */
export function onBulkProgress(owner, fn) {
  listeners.set(owner, fn);
  listening ??= window.__TAURI__.event.listen("bulk-progress", (e) => {
    for (const [element, listener] of [...listeners]) {
      if (!element.isConnected) listeners.delete(element);
      else listener(e.payload);
    }
  });
}
