// The one listener of requests that finish later (block, SIM replacement, IMEI registrations):
// core's watcher follows them, in the background and across restarts, and the app sends each
// change as one `request-changed` event with the request's record. Screens subscribe here
// instead of polling on their own. The listener and its subscribers are app-wide (one per
// window); a subscriber ends with its element, so none outlives its screen.

const listeners = new Map();
let listening = null;

/**
 * Calls `fn(record)` for each request that changes, while `owner` (the element that shows what
 * the request changes) is on screen. One subscription per element: subscribing again replaces
 * it, and it ends by itself once the element is gone.
 */
export function onRequestChanged(owner, fn) {
  listeners.set(owner, fn);
  listening ??= window.__TAURI__.event.listen("request-changed", (e) => {
    for (const [element, listener] of [...listeners]) {
      if (!element.isConnected) listeners.delete(element);
      else listener(e.payload);
    }
  });
}
