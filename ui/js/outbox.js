// The demo portal's outbox: the SMS codes and e-mails it "sent", so a demo user can finish
// password recovery, read a secret code sent to a number, or the e-mail of a report. Shown only with the embedded demo
// portal: beside the login screens, and when signed in once the "Demo portal" badge opens it
// (main.js `showOutbox`). Its refresh timer is the window's one (an app-wide service, started
// and stopped with the demo portal), never a screen's.

import { api } from "./api.js";
import { h, mount } from "./dom.js";
import { formatDateTime, formatNumber } from "./format.js";
import { t } from "./i18n.js";

let timer = null;

async function refresh(list) {
  try {
    const messages = await api.demo_outbox();
    if (messages.length === 0) {
      mount(list, h("li", { class: "hint", i18n: "outbox.empty" }));
      return;
    }
    mount(list, messages.map((m) =>
      h("li", { "data-testid": "outbox-message" },
        h("div", { class: "meta", text: `${t(m.channel === "sms" ? "outbox.sms" : "outbox.email")} → ${m.recipient} · ${formatDateTime(m.sent_at)}` }),
        h("div", { class: "body", text: m.body }),
        m.attachment ? h("div", { class: "attachment", "data-testid": "outbox-attachment",
          text: t("outbox.attachment", { name: m.attachment.name, size: formatNumber(m.attachment.size / 1024, { maximumFractionDigits: 1 }) }) }) : null)));
  } catch (err) {
    mount(list, h("li", { class: "hint", text: err.message }));
  }
}

export function start(aside) {
  const list = h("ol", { id: "outbox-list" });
  mount(aside,
    h("h2", { i18n: "outbox.title" }),
    h("p", { class: "hint", i18n: "outbox.hint" }),
    h("button", { class: "secondary", id: "outbox-refresh", i18n: "outbox.refresh", onclick: () => refresh(list) }),
    list);
  refresh(list);
  clearInterval(timer);
  timer = setInterval(() => { if (!aside.hidden) refresh(list); }, 2000);
}

export function stop(aside) {
  clearInterval(timer);
  timer = null;
  aside.replaceChildren();
  aside.hidden = true;
}
