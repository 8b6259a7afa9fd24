// Numbers, money, phones and dates as the chosen language writes them, in one place.
//
// Dates are day.month.year with a four-digit year in every language (`06.12.2026`, in English
// `06/12/2026`): spelled out as options, since ICU's short Kazakh date has a two-digit year.
// Kazakh month names are this file's own (`KK_MONTHS`): ICU gives them capitalised, and
// WebKitGTK's may have no Kazakh data at all.
//
// Why the cache: an `Intl` formatter is costly to build and the list formats several values per
// row for every window of 100 rows it draws. Each formatter is built once per language and
// options, and reused. Times are Kazakhstan time (UTC+5, the operator's calendar); dates the
// user types are day first in every language, whatever the system locale says. The cache is
// app-wide (formatters depend on the language and options only, never on a screen).

import { currentLang, t } from "./i18n.js";

const LOCALES = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ" };
const DATE = { day: "2-digit", month: "2-digit", year: "numeric" };
const TIME = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];
const cache = new Map();

/** An `Intl.NumberFormat` or `Intl.DateTimeFormat` for the chosen language, built once. */
function formatter(Kind, options) {
  const lang = currentLang();
  const key = `${Kind.name}|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Kind(LOCALES[lang] ?? LOCALES.en, options);
    cache.set(key, f);
  }
  return f;
}

/** A number in the chosen language with the given `Intl.NumberFormat` options. */
export function formatNumber(n, options = {}) {
  return formatter(Intl.NumberFormat, options).format(n);
}

/** A change in percent, signed, as the language writes it (`+64.6%`, `+64,6 %`): Spend's top
 * numbers and What changed's spend rises say it alike. */
export function formatChangePercent(percent) {
  return formatNumber(percent / 100, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
}

/** `+7 701 001 65 15` */
export function formatPhone(digits) {
  const d = String(digits ?? "");
  if (!/^7\d{10}$/.test(d)) return d;
  return `+7 ${d.slice(1, 4)} ${d.slice(4, 7)} ${d.slice(7, 9)} ${d.slice(9, 11)}`;
}

/** A time in Kazakhstan (UTC+5), in the chosen language. */
export function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  // Etc/GMT-5 is UTC+5 all year, and avoids tz data older than 2024a (which has +06 for Almaty).
  // Date and time without Intl's comma between them, as the portal writes them ("18/02/2020 15:03").
  return formatter(Intl.DateTimeFormat, { ...DATE, ...TIME, timeZone: "Etc/GMT-5" })
    .formatToParts(date)
    .map((part) => (part.type === "literal" && part.value.includes(",") ? " " : part.value))
    .join("");
}

/** "as of" times say their zone, so a computer in another zone does not read them as local. */
export function formatDateTimeKz(iso) {
  const time = formatDateTime(iso);
  return time ? t("time.kz", { time }) : "";
}

/** An integer count in the chosen language. */
export function formatCount(n) {
  return formatNumber(n);
}

/**
 * A count for a counted phrase (`t(key, {count: counted(n)})`): its number chooses the phrase's
 * form (i18n.js), and it is written in the language of the moment the text is drawn.
 */
export function counted(n) {
  const value = Number(n);
  return { valueOf: () => value, toString: () => formatCount(value) };
}

/** Tiyn as tenge: `8 476,90 ₸` in Kazakh and Russian, `8,476.90 ₸` in English. */
export function formatMoney(tiyn) {
  return `${formatNumber(Number(tiyn) / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ₸`;
}

/** A yyyy-mm-dd date, in the chosen language. */
export function formatDate(isoDate) {
  const [y, m, d] = String(isoDate).split("-").map(Number);
  if (!y) return "";
  return formatter(Intl.DateTimeFormat, { ...DATE, timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

/** A month's name (1–12) in the chosen language: `October`, `октябрь`, `қазан`. */
export function formatMonthName(month) {
  if (currentLang() === "kk") return KK_MONTHS[month - 1] ?? "";
  return formatter(Intl.DateTimeFormat, { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));
}

/** A `{year, month}` as "Oct 2026" / "окт. 2026" (`short`, for axes and column heads) or "October 2026". */
export function formatMonthYear(m, short = false) {
  const parts = formatter(Intl.DateTimeFormat, { month: short ? "short" : "long", year: "numeric", timeZone: "UTC" })
    .formatToParts(Date.UTC(m.year, m.month - 1, 1));
  // Only the month and the year: Russian adds " г." after the year.
  return parts.filter((p) => p.type === "month" || p.type === "year").map((p) => p.value).join(" ");
}

/** A month's short name (1–12): `Oct`, `окт.`. */
export function formatMonthShort(month) {
  return formatter(Intl.DateTimeFormat, { month: "short", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));
}

/** Tiyn as whole tenge, short (`1.2M ₸`, `1,2 млн ₸`), for a chart's axis. */
export function formatMoneyCompact(tiyn) {
  return `${formatNumber(Number(tiyn) / 100, { notation: "compact", maximumFractionDigits: 1 })} ₸`;
}

// ---- dates the user types: the app's language format, whatever the system locale ------------

/** The separator of a typed date: `01.10.2026` in Russian, `01/10/2026` in English (as en-GB tables show). */
const DATE_SEPARATORS = { en: "/", ru: ".", kk: "." };
export const dateSeparator = () => DATE_SEPARATORS[currentLang()] ?? "/";

/** A yyyy-mm-dd date as the user types it in the chosen language: `01.10.2026`. */
export function formatDateInput(isoDate) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate ?? ""));
  if (!m) return "";
  const sep = dateSeparator();
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/**
 * A typed day-month-year (`1.10.2026`, `01/10/2026`, `01-10-2026`) as yyyy-mm-dd, or null when
 * it is not a date of the calendar (`31.02.2026`). The day always comes first, in every language.
 */
export function parseDateInput(text) {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(String(text ?? ""));
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Today's date in Kazakhstan (UTC+5, no daylight saving), as {year, month} with month 1–12. */
export function kzYearMonth(now = Date.now()) {
  const d = new Date(now + 5 * 3600 * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}
