// Call forwarding (the manual's "Call forwarding" in the "…" menus): one dialog that shows the
// current forwarding of each of the four kinds, filled in, and lets the user set, change or
// switch off each one (an emptied field switches it off). Targets and the no-answer delay are
// checked by core with the same rule as the portal (kabinet-core `rules/forwarding.rs`); an
// error is shown under the field of its kind.

import { api } from "../api.js";
import { formDialog } from "../form.js";
import { formatPhone } from "../format.js";
import { errorText } from "../i18n.js";
import { allows } from "../number_rules.js";

/** The kinds in the portal's order, with the dialog's field of each. */
const KINDS = ["unconditional", "busy", "no_answer", "unreachable"];
const DELAY_FIELD = "no_answer_delay";
const DEFAULT_DELAY = "20";

/** A target as the dialog shows it: a Kazakh number grouped, an international one as kept. */
function shown(target) {
  return target ? formatPhone(target) : "";
}

/** What each kind's field and the delay show now, from the portal's list. */
function filled(list) {
  const byKind = new Map(list.items.map((f) => [f.kind, f]));
  const values = Object.fromEntries(KINDS.map((k) => [k, shown(byKind.get(k)?.target)]));
  values[DELAY_FIELD] = String(byKind.get("no_answer")?.delay_s ?? DEFAULT_DELAY);
  return values;
}

/** Opens the dialog for the number; resolves true once changes were saved, null if cancelled. */
export async function openForwarding(n, host) {
  const msisdn = n.msisdn;
  let before;
  try {
    before = filled((await api.forwarding_get({ msisdn })).data);
  } catch (err) {
    host.notice("forwarding.read_failed", { reason: errorText(err) });
    return null;
  }
  const fields = [
    ...KINDS.map((kind) => ({ name: kind, labelKey: `forwarding.${kind}`, value: before[kind], inputProps: { inputmode: "tel", placeholder: "+7 7XX XXX XX XX" } })),
    {
      name: DELAY_FIELD, labelKey: "forwarding.delay", hintKey: "forwarding.delay_hint", value: before[DELAY_FIELD], inputProps: { inputmode: "numeric", size: 4 },
      // Never dropped without a word: whole seconds (their range is the portal's rule, checked
      // by core), and only with a number to forward to on no answer.
      check: (delay, values) => {
        if (delay !== "" && !/^\d+$/.test(delay)) return "forwarding.delay_not_number";
        if (!values.no_answer && delay !== before[DELAY_FIELD]) return "forwarding.delay_needs_target";
        return null;
      },
    },
  ];
  // The no-answer delay goes right under its target.
  fields.splice(KINDS.indexOf("no_answer") + 1, 0, fields.pop());

  const saved = await formDialog({
    id: "forwarding-dialog",
    titleKey: "forwarding.title",
    subject: formatPhone(msisdn),
    messageKey: "forwarding.message",
    fields,
    confirmKey: "forwarding.save",
    async submit(values) {
      let changed = false;
      for (const kind of KINDS) {
        const target = values[kind];
        const delayChanged = kind === "no_answer" && values[DELAY_FIELD] !== before[DELAY_FIELD];
        if (target === before[kind] && !(target && delayChanged)) continue;
        try {
          await (target
            ? api.forwarding_set({ msisdn, kind, target, delay_s: kind === "no_answer" ? values[DELAY_FIELD] : null })
            : api.forwarding_clear({ msisdn, kind }));
          // What is saved stays saved: after a later kind's error, Save does not send it again.
          before = { ...before, [kind]: target, ...(kind === "no_answer" ? { [DELAY_FIELD]: values[DELAY_FIELD] } : {}) };
          changed = true;
        } catch (err) {
          const field = err?.field === "target" ? kind : err?.field === "delay_s" ? DELAY_FIELD : err?.field;
          throw { ...err, field };
        }
      }
      return changed;
    },
  });
  if (saved) host.notice("forwarding.saved", {});
  return saved;
}

export const FORWARDING_ACTIONS = [
  {
    id: "forwarding", needsPortal: true, label: () => "menu.forwarding",
    allowed: (n) => allows("forwarding_set", n.state) || allows("forwarding_clear", n.state),
    run: (n, host) => openForwarding(n, host),
  },
];
