// Help: the portal's FAQ, and the way to About (version, build, data folder, licences).

import { h } from "../dom.js";

const QUESTIONS = 8;

export function render(view, ctx) {
  const list = h("dl", { class: "faq" });
  for (let i = 1; i <= QUESTIONS; i++) {
    list.append(h("dt", { i18n: `help.q${i}` }), h("dd", { i18n: `help.a${i}` }));
  }
  view.append(h("section", { class: "card wide", id: "screen-help" },
    h("h1", { i18n: "help.title" }),
    list,
    h("div", { class: "row" },
      h("button", { class: "secondary", id: "help-back", i18n: "nav.back", onclick: () => ctx.back() }),
      h("button", { class: "secondary", id: "help-about", i18n: "help.about", onclick: () => ctx.go("about") }))));
}
