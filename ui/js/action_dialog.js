// The dialog of an action that describes itself (kabinet-protocol `action::offers`, read through
// the `actions` command): built from its offer, with no code of its own per action. Why: the
// SIM replacement, the three bans and the secret code each had a JS file that drew the same
// dialog by hand; adding such an action now needs nothing here.
//
// An offer asks `once` (one step) or as a `toggle` by a flag of the number's general
// information (a ban: set when it is not, removed when it is). A step is a formDialog
// (`<offer id>-dialog`): its title, the number, its question, its fields (each by its kind, with
// its "required" check here and the action's own rule in core, whose error shows under the
// field), Confirm, and Cancel first when it is destructive. A step with `check_key` has its
// values checked by core first (`act_check`, nothing sent) and then asks that question about
// them (`<offer id>-confirm-dialog`, destructive). The action is sent with `act`; once done,
// the first notice whose flag the answer has (or that needs none) is said, and the screen
// shows the number's fresh data.

import { api } from "./api.js";
import { formDialog, STAY_OPEN } from "./form.js";
import { formatPhone } from "./format.js";
import { errorText } from "./i18n.js";

/** What each field kind's input takes (form.js `inputProps`). */
const INPUTS = {
  text: {},
  phone: { inputmode: "tel", placeholder: "+7 7XX XXX XX XX" },
  iccid: { inputmode: "numeric", maxlength: 24, spellcheck: "false" },
  imei: { inputmode: "numeric", maxlength: 20, spellcheck: "false" },
  choice: {},
};

/** A described field as form.js takes it. */
function formField(f) {
  const options = f.kind.type === "choice" ? f.kind.options.map((o) => ({ value: o.value, key: o.label_key })) : undefined;
  return {
    name: f.name, labelKey: f.label_key, hintKey: f.hint_key ?? undefined,
    type: options ? "select" : "text", options, inputProps: INPUTS[f.kind.type] ?? {},
    check: (v) => (v ? null : f.required_key),
  };
}

/** Sends `step` on the number with `values`: its fixed parameters and the fields' values. */
const send = (step, msisdn, values) => api.act({ msisdn, kind: step.kind, params: { ...step.params, ...values } });

/** Asks `step` about the number in the dialog `id`; resolves the portal's answer, or null. */
function askStep(id, step, n) {
  const subject = formatPhone(n.msisdn);
  return formDialog({
    id: `${id}-dialog`,
    titleKey: step.title_key,
    subject,
    messageKey: step.message_key,
    fields: step.fields.map(formField),
    confirmKey: step.confirm_key,
    destructive: step.destructive && !step.check_key,
    submit: async (values) => {
      if (!step.check_key) return send(step, n.msisdn, values);
      // Core's check (the action's rule names the wrong field); nothing is sent yet.
      const checked = await api.act_check({ kind: step.kind, params: { ...step.params, ...values } });
      const yes = await formDialog({
        id: `${id}-confirm-dialog`,
        titleKey: step.title_key,
        subject,
        messageKey: step.check_key,
        messageVars: checked,
        confirmKey: "number.yes_sure",
        destructive: true,
        submit: async () => true,
      });
      if (!yes) return STAY_OPEN;
      return send(step, n.msisdn, checked);
    },
  });
}

/** The notice of a done step: the first whose flag the answer has, or that needs none. */
function noticeOf(step, answer) {
  return step.done.find((d) => !d.when || answer?.[d.when] === true)?.key ?? null;
}

/** Runs an offer's dialog for the number `n`; `host` is the menu's screen (actions.js). */
export async function askOffer(offer, n, host) {
  let step = offer.ask.step;
  if (offer.ask.type === "toggle") {
    let general;
    try {
      general = (await api.number_get({ msisdn: n.msisdn })).data.general;
    } catch (err) {
      host.notice("action.read_failed", { error: errorText(err) });
      return;
    }
    step = general[offer.ask.flag] ? offer.ask.off : offer.ask.on;
  }
  const answer = await askStep(offer.id, step, n);
  if (!answer) return;
  const notice = noticeOf(step, answer);
  if (notice) host.notice(notice, { number: formatPhone(n.msisdn) });
  host.refresh();
}
