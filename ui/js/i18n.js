// Kazakh, Russian and English texts, switchable at any time. A text is bound to its element ONCE, and
// `setLang` (the ONE listener of a language change) writes every bound text again in place, so a
// language switch never loses what the user typed or where they were, and no screen listens for
// the language itself or re-wires its texts by hand:
// - `data-i18n` (dom.js `h(..., {i18n})`, or `setText(el, key, vars)`): a key and its values;
// - `data-i18n-placeholder`, `-title` (title and aria-label: an icon button), `-label`
//   (aria-label), `-tip` (title): an attribute's key (dom.js `h` props `i18nPlaceholder`,
//   `i18nTitle`, `i18nLabel`, `i18nTip`, or `setTip`);
// - `bindText(el, render)`: a text drawn by a function (figures formatted in the language, an
//   error worded by its code);
// - `onLanguage(el, draw)`: a part drawn from data already read (a table, a list's rows) is drawn
//   again from it, while `el` is on the page; never a second read of the data.
// The values and functions are kept here, by element (a WeakMap), never as properties of the
// elements. Error messages are chosen by the error's `code`; the portal's English `message` is
// the fallback.
//
// The language itself (`lang`) is the window's one setting of it: an app-wide service, set by
// the shell from the app's settings.
//
// Counted phrases: a text that depends on a number holds its forms separated by `|`, in the
// order of `PLURAL_FORMS` for its language (English one|other, Russian one|few|many, Kazakh
// one|other, or a single form when they are all alike: a Kazakh noun after a numeral does not
// change), and `t` picks the form `Intl.PluralRules` names for `{count}` (else `{n}`). So every
// counted phrase goes through `t`, and a language switch re-picks the form.

import { en } from "./locales/en.js";

/**
 * The texts of each language read so far. English is always here (the fallback of a missing
 * text); another language's nine files are read when it is first chosen (`setLang`), so the
 * first screen reads one or two languages' texts, not three.
 */
const dictionaries = { en };
const readers = {
  ru: () => import("./locales/ru.js").then((m) => m.ru),
  kk: () => import("./locales/kk.js").then((m) => m.kk),
};
let lang = "en";
/** The language chosen last: a slower read of an earlier choice does not win over it. */
let chosen = "en";

/** The languages offered, each named in its own language, in the order the pickers show them. */
export const LANGUAGES = [
  ["kk", "Қазақша"],
  ["ru", "Русский"],
  ["en", "English"],
];

/** The plural categories of a counted text's forms, in the order the locale files write them. */
const PLURAL_FORMS = { en: ["one", "other"], ru: ["one", "few", "many"], kk: ["one", "other"] };
const pluralRules = new Map();

/** The form of a `|`-separated counted text for `count` in the current language. */
function pluralForm(text, count) {
  const forms = text.split("|");
  const n = count === undefined || count === null ? NaN : Number(count); // a number, or `counted(n)`
  if (forms.length === 1 || Number.isNaN(n)) return forms[forms.length - 1];
  if (!pluralRules.has(lang)) pluralRules.set(lang, new Intl.PluralRules(lang));
  const index = (PLURAL_FORMS[lang] ?? PLURAL_FORMS.en).indexOf(pluralRules.get(lang).select(n));
  return forms[index < 0 ? forms.length - 1 : Math.min(index, forms.length - 1)];
}

/**
 * A text the portal sends in several languages (`name`, `name_ru`, …): the current language's
 * when the portal has it; in Kazakh the Russian one when it has no Kazakh one (the operator's
 * services are named in Russian first); else the English.
 */
export function localized(item, field) {
  if (!item) return "";
  const own = item[`${field}_${lang}`];
  if (own) return own;
  if (lang === "kk" && item[`${field}_ru`]) return item[`${field}_ru`];
  return item[field] ?? "";
}

/** Fills `select` with the languages, each named in its own language. */
export function languageOptions(select) {
  for (const [code, name] of LANGUAGES) {
    const option = document.createElement("option");
    option.value = code;
    option.textContent = name;
    option.lang = code;
    select.append(option);
  }
  return select;
}

/** The `{name}` values of each `data-i18n` element's text. */
const varsOf = new WeakMap();
/** The function that writes each `data-i18n-bound` element's text. */
const renderOf = new WeakMap();
/** What draws each `data-i18n-redraw` element again. */
const redrawOf = new WeakMap();

export function currentLang() {
  return lang;
}

/** The text of `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = pluralForm(dictionaries[lang][key] ?? en[key] ?? key, vars.count ?? vars.n);
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`));
}

/**
 * The user's message for an error `{code, message, reason?, params?, retry_after_s?,
 * attempts_left?}`: the rule that refused (`reason.<reason>`) when this version knows it, else
 * the code's text, else the portal's English message.
 */
export function errorText(err) {
  const code = err?.code ?? "internal";
  const vars = {
    ...(err?.params ?? {}),
    n: err?.attempts_left,
    seconds: err?.retry_after_s,
    minutes: err?.retry_after_s ? Math.ceil(err.retry_after_s / 60) : undefined,
  };
  if (err?.reason && dictionaries.en[`reason.${err.reason}`]) return t(`reason.${err.reason}`, vars);
  if (err?.attempts_left !== undefined && dictionaries.en[`err.${code}_left`]) return t(`err.${code}_left`, vars);
  if (dictionaries.en[`err.${code}`]) return t(`err.${code}`, vars);
  return err?.message || t("err.internal");
}

/** Writes `key`'s text with `vars` into `el`, and again in each language chosen later. */
export function setText(el, key, vars = {}) {
  delete el.dataset.i18nBound;
  el.dataset.i18n = key;
  varsOf.set(el, vars);
  el.textContent = t(key, vars);
  return el;
}

/** Writes `render()` into `el`, and again after each language change. */
export function bindText(el, render) {
  delete el.dataset.i18n;
  el.dataset.i18nBound = "";
  renderOf.set(el, render);
  el.textContent = render();
  return el;
}

/** Empties `el` and unbinds its text. */
export function clearText(el) {
  delete el.dataset.i18n;
  delete el.dataset.i18nBound;
  el.textContent = "";
}

/** Writes `key`'s text into `el`'s title (a tooltip), and again in each language chosen later; null removes it. */
export function setTip(el, key) {
  if (key === null) {
    delete el.dataset.i18nTip;
    el.removeAttribute("title");
  } else {
    el.dataset.i18nTip = key;
    el.title = t(key);
  }
}

/**
 * Calls `draw()` after each language change while `el` is on the page (the last `draw` given);
 * `null` stops it (what it drew is gone).
 */
export function onLanguage(el, draw) {
  if (draw === null) {
    delete el.dataset.i18nRedraw;
    redrawOf.delete(el);
    return;
  }
  el.dataset.i18nRedraw = "";
  redrawOf.set(el, draw);
}

/**
 * Switches the language and re-translates everything on screen in place, once its texts are
 * read (the first time it is chosen). Resolves when done; an unknown language is English.
 */
export async function setLang(next) {
  chosen = next;
  if (!dictionaries[next] && readers[next]) {
    try {
      dictionaries[next] = await readers[next]();
    } catch (err) {
      console.warn(`the ${next} texts were not read`, err);
    }
  }
  if (chosen !== next) return;
  lang = dictionaries[next] ? next : "en";
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n, varsOf.get(el) ?? {});
  for (const el of document.querySelectorAll("[data-i18n-bound]")) el.textContent = renderOf.get(el)?.() ?? el.textContent;
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-title]")) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute("aria-label", el.title);
  }
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  for (const el of document.querySelectorAll("[data-i18n-tip]")) el.title = t(el.dataset.i18nTip);
  for (const el of document.querySelectorAll("[data-i18n-redraw]")) redrawOf.get(el)?.();
}
