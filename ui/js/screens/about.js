// About (opened from Help): the version, the commit the app was built from, the data folder
// with Open, and the licences of the bundled components (`licences.json`, made by
// tools/licences with cargo-about). The licences are data: every name and text lands in
// textContent, and a licence's text is only put on the page when its entry is opened.

import { api } from "../api.js";
import { alertBox, busy, h } from "../dom.js";
import { bindText, t } from "../i18n.js";

export function render(view, ctx) {
  const facts = h("div", { class: "kv", id: "about-facts" });
  const alert = alertBox("about-status");
  const licences = h("div", { id: "about-licences" });
  view.append(h("section", { class: "card wide", id: "screen-about" },
    h("h1", { i18n: "about.title" }),
    facts,
    alert,
    h("h2", { i18n: "about.licences" }),
    h("p", { class: "hint", i18n: "about.licences_hint" }),
    licences,
    h("div", { class: "row" }, h("button", { class: "secondary", id: "about-back", i18n: "nav.back", onclick: () => ctx.back() }))));

  api.about_info().then((info) => {
    const commit = h("div", { class: "value", id: "about-commit" });
    if (info.commit) commit.textContent = info.commit;
    else bindText(commit, () => t("about.commit_unknown"));
    const open = h("button", { type: "button", class: "secondary", id: "about-open-folder", i18n: "about.open" });
    open.addEventListener("click", () => busy(open, () => api.data_folder_open().catch((err) => alert.showError(err))));
    facts.replaceChildren(
      fact("about.version", h("div", { class: "value", id: "about-version", text: info.version })),
      fact("about.commit", commit),
      h("div", { class: "about-folder" },
        h("div", { class: "label", i18n: "about.data_folder" }),
        h("div", { class: "row" }, h("code", { id: "about-data-dir", text: info.data_dir }), open),
        h("p", { class: "hint", i18n: "about.data_folder_hint" })));
  }).catch((err) => alert.showError(err));

  api.about_licences().then((file) => {
    licences.replaceChildren(...file.licences.map(licence));
  }).catch((err) => alert.showError(err));
}

function fact(labelKey, value) {
  return h("div", {}, h("div", { class: "label", i18n: labelKey }), value);
}

/** One licence: its name and how many components use it; opened, the components and the text. */
function licence(l) {
  const count = h("span", { class: "hint" });
  bindText(count, () => t("about.used_by", { count: l.used_by.length }));
  const details = h("details", { class: "licence", "data-licence": l.id },
    h("summary", {}, h("strong", { text: l.name }), " ", count));
  details.addEventListener("toggle", () => {
    if (!details.open || details.dataset.filled) return;
    details.dataset.filled = "1";
    details.append(h("p", { class: "licence-crates", text: l.used_by.join(", ") }), h("pre", { class: "licence-text", text: l.text }));
  }, { once: false });
  return details;
}
