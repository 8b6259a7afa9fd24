// The checks of a period's two dates against a rule's bounds (`{earliest, latest}`, from the
// shared rule through a command), in one place for every form that asks for a period of days:
// each date required and a date, within the bounds, the end not before the beginning. A date
// out of bounds is refused with the rule's own text (`tooOldKey`, `lateKey`; both get
// `earliest`, `latest` and `today` = the latest day), so the reason is said before sending.
// Bounds that know why a later day is not there yet (`lateReason(day)`, a document's months)
// say that reason first, then the latest day.

import { formatDate } from "./format.js";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** `{from, to}` checks for `formFields`; `tooOldKey` names the rule a too early date breaks. */
export function periodChecks(bounds, tooOldKey, lateKey = "docs.not_after") {
  const inBounds = (value) => {
    // Dates in the language of the moment of the check (it may have changed since the form).
    const vars = { earliest: formatDate(bounds.earliest), latest: formatDate(bounds.latest), today: formatDate(bounds.latest) };
    if (value < bounds.earliest) return { key: tooOldKey, vars };
    if (value > bounds.latest) {
      const late = { key: lateKey, vars };
      return bounds.lateReason ? [bounds.lateReason(value), late] : late;
    }
    return null;
  };
  return {
    from: (v) => (!v ? "check.from_required" : !ISO.test(v) ? "check.from_invalid" : inBounds(v)),
    to: (v, all) => {
      if (!v) return "check.to_required";
      if (!ISO.test(v)) return "check.to_invalid";
      return inBounds(v) ?? (ISO.test(all.from) && all.from > v ? "check.period_reversed" : null);
    },
  };
}
