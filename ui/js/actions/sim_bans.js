// SIM card replacement and the three bans (MyKcell details access, MyKcell access, SMS / USSD
// control): entries of the actions registry (actions.js), each asking through formDialog.
//
// - SIM card replacement: only an Active number (the shared table's `sim_replacement` row); on any
//   other state the item stays in the menu, disabled, saying why (FAQ 8). The new SIM's ICCID
//   is checked by core (length, Luhn) before the question is asked, and again by the portal;
//   either's error shows under the field. The request completes later: the SIM card section
//   says "in process" until the watcher reports it done (screens/number.js).
// - A ban: the dialog says whether it is set ("No ban is set. Want to set a ban?") and offers
//   SET or REMOVE; the change is immediate and General information shows it.

import { api } from "../api.js";
import { formDialog, STAY_OPEN } from "../form.js";
import { formatPhone } from "../format.js";
import { errorText } from "../i18n.js";
import { allows } from "../number_rules.js";

/** SIM card replacement: the ICCID, then the confirmation, then the request. */
async function replaceSim(n, host) {
  const subject = formatPhone(n.msisdn);
  const request = await formDialog({
    id: "sim-replace-dialog",
    titleKey: "sim.title",
    subject,
    messageKey: "sim.enter_iccid",
    fields: [{
      name: "iccid", labelKey: "sim.iccid", hintKey: "sim.iccid_hint",
      inputProps: { inputmode: "numeric", maxlength: 24, spellcheck: "false" },
      check: (v) => (v ? null : "check.iccid_required"),
    }],
    confirmKey: "sim.continue",
    submit: async ({ iccid }) => {
      // Core's check (a wrong length or check digit is named under the field); nothing is sent.
      const checked = await api.sim_check_iccid({ iccid });
      const yes = await formDialog({
        id: "sim-confirm-dialog",
        titleKey: "sim.title",
        subject,
        messageKey: "sim.confirm",
        messageVars: { iccid: checked },
        confirmKey: "number.yes_sure",
        destructive: true,
        submit: async () => true,
      });
      if (!yes) return STAY_OPEN;
      return api.sim_replace({ msisdn: n.msisdn, iccid: checked });
    },
  });
  if (!request) return;
  host.notice("sim.sent", { number: subject });
  host.refresh();
}

/** The registry's bans, by wire name, with the general information's flag of each. */
const BANS = {
  mykcell_details: "ban_mykcell_details",
  mykcell: "ban_mykcell",
  sms_ussd: "ban_sms_ussd",
};

/** A ban's dialog: its current state, then SET or REMOVE. */
async function changeBan(ban, n, host) {
  let general;
  try {
    general = (await api.number_get({ msisdn: n.msisdn })).data.general;
  } catch (err) {
    host.notice("ban.read_failed", { error: errorText(err) });
    return;
  }
  const isSet = Boolean(general[BANS[ban]]);
  const change = await formDialog({
    id: `ban-${ban}-dialog`,
    titleKey: `ban.${ban}`,
    subject: formatPhone(n.msisdn),
    messageKey: isSet ? "ban.is_set" : "ban.not_set",
    confirmKey: isSet ? "ban.remove" : "ban.set",
    // Setting a ban locks the number's user out of something: a stray Enter must not do it.
    destructive: !isSet,
    submit: () => api.ban_set({ msisdn: n.msisdn, ban, set: !isSet }),
  });
  if (!change) return;
  host.notice(isSet ? "ban.removed" : "ban.done", { number: formatPhone(n.msisdn) });
  host.refresh();
}

function banEntry(ban) {
  return {
    id: `ban-${ban}`, menus: ["row", "profile"], needsPortal: true,
    label: () => `ban.${ban}`,
    allowed: (n) => allows("ban_set", n.state) || allows("ban_remove", n.state),
    run: (n, host) => changeBan(ban, n, host),
  };
}

export const simReplacement = {
  id: "sim-replace", menus: ["row", "profile"], needsPortal: true,
  label: () => "sim.menu",
  allowed: (n) => allows("sim_replacement", n.state),
  // FAQ 8: listed on every state, disabled with the reason.
  why: () => "sim.why_not",
  run: replaceSim,
};
export const banMykcellDetails = banEntry("mykcell_details");
export const banMykcell = banEntry("mykcell");
export const banSmsUssd = banEntry("sms_ussd");
