// Months as the billing sub-tabs offer them: only the months the shared rule allows
// (`report_bounds`, from kabinet_core::rules::document_months), so a month that is not
// available cannot be picked; the tab says why next to the list.

import { formatMonthName } from "../format.js";

/** `{year, month}` as the portal's `YYYY-MM`. */
export const monthValue = (m) => `${m.year}-${String(m.month).padStart(2, "0")}`;

/** `YYYY-MM` as `{year, month}`. */
export function parseMonth(value) {
  const [year, month] = String(value).split("-").map(Number);
  return { year, month };
}

/** "December 2021" / "декабрь 2021". */
export const monthLabel = (m) => `${formatMonthName(m.month)} ${m.year}`;

/** The months from `first` to `last` (both `{year, month}`), newest first. */
export function monthsBetween(first, last) {
  const out = [];
  let { year, month } = last;
  while (year > first.year || (year === first.year && month >= first.month)) {
    out.push({ year, month });
    month -= 1;
    if (month === 0) { month = 12; year -= 1; }
  }
  return out;
}

/** The first and last day (yyyy-mm-dd) of a `{year, month}`. */
export function monthDays(m) {
  const last = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  const prefix = monthValue(m);
  return { first: `${prefix}-01`, last: `${prefix}-${String(last).padStart(2, "0")}` };
}

/** A `{year, month}` as one number, so months compare in order. */
const monthIndex = (m) => m.year * 12 + m.month - 1;

/**
 * Why a day (yyyy-mm-dd) after a document's last available month is refused, as the shared
 * rule says it (`document_months.rs`, `MonthRange::late_reason`, from `report_bounds`): the
 * month is not over, or it is over and its document comes after day `ready_after_day`.
 */
export function lateMonthReason(range) {
  return (day) => (monthIndex(parseMonth(day.slice(0, 7))) >= monthIndex(range.not_over_from)
    ? "reason.month_not_over"
    : { key: "reason.document_not_ready_yet", vars: { day: range.ready_after_day } });
}
