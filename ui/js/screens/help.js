// Help: the portal's FAQ, "Copy diagnostics" for the operator's support, and the way to About
// (version, build, data folder, licences).

import { api } from "../api.js";
import { alertBox, busy, h } from "../dom.js";

const QUESTIONS = 8;

export function render(view, ctx) {
  const list = h("dl", { class: "faq" });
  for (let i = 1; i <= QUESTIONS; i++) {
    list.append(h("dt", { i18n: `help.q${i}` }), h("dd", { i18n: `help.a${i}` }));
  }
  view.append(h("section", { class: "card wide", id: "screen-help" },
    h("h1", { i18n: "help.title" }),
    list,
    diagnostics(),
    h("div", { class: "row" },
      h("button", { class: "secondary", id: "help-back", i18n: "nav.back", onclick: () => ctx.back() }),
      h("button", { class: "secondary", id: "help-about", i18n: "help.about", onclick: () => ctx.go("about") }))));
}

/** The button that puts the (redacted) diagnostics on the clipboard, and what it says after. */
function diagnostics() {
  const status = alertBox("help-diagnostics-status");
  const button = h("button", { class: "secondary", id: "help-copy-diagnostics", type: "button", i18n: "help.copy_diagnostics" });
  button.onclick = () => busy(button, async () => {
    status.clear();
    try {
      await api.diagnostics_copy();
      status.showKey("success", "help.diagnostics_copied");
    } catch (err) {
      console.error(err);
      status.showKey("error", "help.diagnostics_failed");
    }
  });
  return h("div", { id: "help-diagnostics" },
    h("p", { class: "hint", i18n: "help.diagnostics_hint" }), h("div", { class: "row" }, button), status);
}
