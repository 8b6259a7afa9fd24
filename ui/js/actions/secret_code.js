// "Send secret code" and "Delete secret code" (manual: "Obtaining a secret code", FAQ 6). The
// portal generates the code and sends it by SMS to the number itself; the app only learns that
// it was sent, never the code. A new code replaces the previous one (the dialog says so), and
// deleting asks first (destructive: the focus starts on Cancel).

import { api } from "../api.js";
import { formDialog } from "../form.js";
import { formatPhone } from "../format.js";
import { allows } from "../number_rules.js";

async function send(n, host) {
  const number = formatPhone(n.msisdn);
  const sent = await formDialog({
    id: "secret-send-dialog",
    titleKey: "secret.send_title",
    subject: number,
    messageKey: "secret.send_message",
    confirmKey: "secret.send",
    submit: () => api.secret_code_send({ msisdn: n.msisdn }),
  });
  if (!sent) return;
  host.notice(sent.replaced ? "secret.sent_replaced" : "secret.sent", { number });
  host.refresh(); // the profile shows since when the number has a code
}

async function remove(n, host) {
  const number = formatPhone(n.msisdn);
  const deleted = await formDialog({
    id: "secret-delete-dialog",
    titleKey: "secret.delete_title",
    subject: number,
    messageKey: "secret.delete_message",
    confirmKey: "secret.delete",
    destructive: true,
    submit: () => api.secret_code_delete({ msisdn: n.msisdn }),
  });
  if (!deleted) return;
  host.notice("secret.deleted", { number });
  host.refresh();
}

export const SECRET_CODE_ACTIONS = [
  {
    id: "secret-send", menus: ["row", "profile"], needsPortal: true, label: () => "menu.secret_send",
    allowed: (n) => allows("secret_code_send", n.state), run: send,
  },
  {
    id: "secret-delete", menus: ["row", "profile"], needsPortal: true, label: () => "menu.secret_delete",
    allowed: (n) => allows("secret_code_delete", n.state), run: remove,
  },
];
