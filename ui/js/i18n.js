// English and Russian texts, switchable at any time. Elements built with `i18n` keys (see
// dom.js) are re-translated in place, so a language switch never loses what the user typed.
// Error messages are chosen by the error's `code`; the portal's English `message` is the fallback.

import { en } from "./locales/en.js";
import { ru } from "./locales/ru.js";

const dictionaries = { en, ru };
let lang = "en";

export function currentLang() {
  return lang;
}

/** The text of `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = dictionaries[lang][key] ?? en[key] ?? key;
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

/** Switches the language and re-translates everything on screen in place. */
export function setLang(next) {
  lang = dictionaries[next] ? next : "en";
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n, el._vars ?? {});
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-title]")) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute("aria-label", el.title);
  }
  for (const el of document.querySelectorAll(".alert")) el.dispatchEvent(new Event("kabinet-retranslate"));
  document.dispatchEvent(new CustomEvent("kabinet-langchange", { detail: lang }));
}
