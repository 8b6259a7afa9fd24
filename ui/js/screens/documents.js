// The "Documents and reports" tab: the manual's nine sub-tabs in its order, then the documents
// library (every file the app downloaded or made, offline too). Each sub-tab is a module
// `screens/documents/<name>.js` exporting `render(box, ctx)`, loaded when it is opened.

import { h, mount } from "../dom.js";
import { errorText } from "../i18n.js";

/** The sub-tabs, in the manual's order; the library last. */
export const SUBTABS = [
  "invoice_search",
  "actions_history",
  "numbers_report",
  "certificate",
  "invoice_register",
  "reconciliation",
  "devices_report",
  "payments_report",
  "atlas_pro",
  "library",
];

/** Shows one company's documents: switching company starts again (see main.js). */
export const belongsToCompany = true;

export function render(view, ctx, params) {
  const tab = SUBTABS.includes(params.tab) ? params.tab : SUBTABS[0];
  const content = h("div", { class: "subtab-content", id: "documents-content", role: "tabpanel", "aria-labelledby": `subtab-${tab}` });
  const list = h("nav", { class: "subtabs", role: "tablist", "aria-orientation": "vertical", "aria-labelledby": "documents-title" },
    SUBTABS.map((name) => h("button", {
      type: "button", role: "tab", id: `subtab-${name}`, class: name === "library" ? "library-tab" : undefined,
      "aria-selected": String(name === tab), tabindex: name === tab ? "0" : "-1", i18n: `docs.tab.${name}`,
      onclick: () => ctx.go("documents", { tab: name }),
    })));
  // Up and Down move between the sub-tabs, as in a vertical tab list.
  list.addEventListener("keydown", (e) => {
    if (!["ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    const buttons = [...list.querySelectorAll("[role=tab]")];
    const i = buttons.indexOf(document.activeElement);
    const next = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : (i + (e.key === "ArrowDown" ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next].focus();
  });
  view.append(h("section", { class: "documents", id: "screen-documents", "data-tab": tab },
    h("h1", { class: "visually-hidden", id: "documents-title", i18n: "tabs.documents" }),
    list, content));
  import(`./documents/${tab}.js`)
    .then((module) => { if (content.isConnected) module.render(content, ctx); })
    .catch((err) => mount(content, h("div", { class: "alert error", role: "alert", text: errorText(err) })));
}
