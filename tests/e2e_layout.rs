//! End to end, in the real window at its minimum size (900 × 600, `tauri.conf.json`), in each
//! language (English, Russian, Kazakh): the numbers list shows every column, the balance
//! included, and a clickable ⋮ on each row; its tools stay on one line; the longest states
//! ("Заблокирован / Долг", "Бұғатталған / Қарыз") are shown whole and the search placeholder is
//! not cut; a number's profile fits the window too.
//! Screenshots of each screen land in the test's log folder.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// What is wrong with the list's layout, as one line per problem (empty when all is well).
const LIST_PROBLEMS: &str = r##"
const problems = [];
const width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
const inside = (el, what) => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.left < 0 || r.right > width + 0.5) problems.push(`${what} is off screen: ${Math.round(r.left)}..${Math.round(r.right)} of ${width}`);
};
const cut = (el, what) => { if (el.scrollWidth > el.clientWidth + 1 && el.title !== el.textContent) problems.push(`${what} is cut with no tooltip: "${el.textContent}"`); };
document.querySelectorAll(".vhead [role=columnheader]").forEach((el) => {
  inside(el, `header ${el.dataset.column}`);
  if (el.scrollWidth > el.clientWidth + 1) problems.push(`header ${el.dataset.column} overflows its column: ${el.scrollWidth} > ${el.clientWidth}`);
});
const row = document.querySelector("#numbers-viewport .vrow.data");
if (!row) problems.push("no row");
else {
  [...row.children].forEach((el, i) => inside(el, `cell ${i}`));
  // Every cell but the tariff's (which has a tooltip; cell 3, after the selection's checkbox)
  // shows its whole text, in every row.
  document.querySelectorAll("#numbers-viewport .vrow.data").forEach((r) => [...r.children].forEach((el, i) => {
    if (el.tagName === "SPAN" && i !== 3) cut(el, `row ${r.dataset.msisdn} cell ${i}`);
  }));
  const more = row.querySelector("[data-testid=row-more]");
  const r = more.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (hit !== more) problems.push(`the ⋮ button cannot be clicked (${hit?.tagName} is on top)`);
}
// Header and rows line up: each header starts where its column's cells start.
if (row) {
  const heads = [...document.querySelectorAll(".vhead [role=columnheader]")];
  heads.forEach((head, i) => {
    const d = Math.abs(head.getBoundingClientRect().left - row.children[i].getBoundingClientRect().left);
    if (d > 1) problems.push(`header ${head.dataset.column} is ${Math.round(d)} px off its column`);
  });
}
const tools = [...document.querySelector("#screen-home .toolbar").children].filter((el) => el.offsetWidth > 0);
const middle = (el) => { const r = el.getBoundingClientRect(); return (r.top + r.bottom) / 2; };
tools.forEach((el) => { if (Math.abs(middle(el) - middle(tools[0])) > 6) problems.push(`${el.id || el.className} wrapped onto another line`); inside(el, el.id || el.className); });
// The search placeholder fits its box.
const search = document.querySelector("#numbers-search");
const style = getComputedStyle(search);
const ctx = document.createElement("canvas").getContext("2d");
ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
// WebKit keeps room for the search field's clear button even while it is empty.
const room = search.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
const need = ctx.measureText(search.placeholder).width;
if (need > room) problems.push(`the search placeholder "${search.placeholder}" needs ${Math.round(need)} px, has ${Math.round(room)}`);
// States are told apart by their whole text: never cut (a tooltip is not enough here).
document.querySelectorAll("#numbers-viewport .vrow.data [class^=state-]").forEach((el) => {
  if (el.scrollWidth > el.clientWidth + 1) problems.push(`the state "${el.textContent}" is cut`);
});
// The top bar: everything on screen, its texts on one line.
document.querySelectorAll("#topbar > :not([hidden]):not(.spacer)").forEach((el) => inside(el, `top bar ${el.id || el.className}`));
document.querySelectorAll("#topbar .badge:not([hidden]), #topbar .connection:not([hidden]), .topnav button:not([hidden])").forEach((el) => {
  if (el.getBoundingClientRect().height > 30) problems.push(`top bar "${el.textContent}" wraps`);
});
return problems.join("\n");
"##;

async fn list_problems(app: &App) -> String {
    app.client
        .execute(LIST_PROBLEMS, vec![])
        .await
        .expect("layout script")
        .as_str()
        .unwrap_or("script failed")
        .to_string()
}

#[tokio::test]
async fn the_list_and_a_profile_work_at_the_minimum_window_size() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.find("#numbers-viewport [data-msisdn='77010542006']").await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    app.screenshot("list-en-default-size").await;
    let problems = list_problems(&app).await;
    assert!(problems.is_empty(), "English list at the default size:\n{problems}");
    app.to_minimum_size().await;
    app.find("#numbers-viewport [data-msisdn='77010542006']").await;
    app.screenshot("list-en").await;
    let problems = list_problems(&app).await;
    assert!(problems.is_empty(), "English list at the minimum size:\n{problems}");

    // Russian and Kazakh, each with its longest state on screen.
    for (lang, count, debt) in [("ru", "Номеров", "Заблокирован / Долг"), ("kk", "Нөмірлер", "Бұғатталған / Қарыз")]
    {
        app.choose("#lang-select", lang).await;
        app.choose("#numbers-state", "blocked_debt").await;
        app.wait_text("#numbers-count", count).await;
        let rows = app.wait_content("#numbers-viewport .vrow.data", debt).await;
        assert!(rows.lines().all(|r| r.contains(debt)), "only debt rows: {rows}");
        app.screenshot(&format!("list-{lang}-debt")).await;
        let problems = list_problems(&app).await;
        assert!(problems.is_empty(), "{lang} list at the minimum size:\n{problems}");
        app.choose("#numbers-state", "").await;
        app.find("#numbers-viewport [data-msisdn='77010542007']").await;
        app.wait_text("#numbers-count", &format!("{count}: 33")).await;
        app.screenshot(&format!("list-{lang}")).await;
        let problems = list_problems(&app).await;
        assert!(problems.is_empty(), "{lang} list at the minimum size:\n{problems}");
    }
    app.choose("#lang-select", "ru").await;
    app.wait_text("#numbers-count", "Номеров: 33").await;

    // The ⋮ of a row opens its menu, and the menu leads to the profile.
    app.click("[data-msisdn='77010542007'] [data-testid=row-more]").await;
    app.click("#menu-profile").await;
    app.wait_text("#number-title", "+7 701 054 20 07").await;
    app.find("#number-services [data-testid=available-service]").await;
    let script = r##"
      const width = document.documentElement.clientWidth;
      const problems = [];
      if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      for (const id of ["number-title", "number-state", "number-balance", "number-usage", "number-more", "number-block", "number-refresh"]) {
        const el = document.getElementById(id);
        if (!el) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.left < 0 || r.right > width + 0.5) problems.push(`${id} is off screen: ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
      return problems.join("\n");
    "##;
    for lang in ["ru", "kk", "en"] {
        app.choose("#lang-select", lang).await;
        app.find(&format!("html[lang={lang}]")).await;
        app.screenshot(&format!("profile-{lang}")).await;
        let problems =
            app.client.execute(script, vec![]).await.unwrap().as_str().unwrap_or("script failed").to_string();
        assert!(problems.is_empty(), "{lang} profile at the minimum size:\n{problems}");
    }
    app.click("#number-more").await;
    app.wait_visible("#more-services").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn russian_export_and_usage_speak_the_language() {
    let app = App::launch().await;
    app.to_minimum_size().await;
    app.sign_in_demo().await;
    app.find("#numbers-viewport [data-msisdn='77010542007']").await;
    app.choose("#lang-select", "ru").await;

    // CSV: named by the company, split by ";" with decimal commas and a BOM, and can be opened.
    app.click("#numbers-export").await;
    app.click("#numbers-export-csv").await;
    app.wait_text("#numbers-exported", "numbers-ТОО Кабинет-").await;
    app.wait_visible("#numbers-exported .doc-open").await;
    app.wait_visible("#numbers-exported .doc-save-as").await;
    app.screenshot("exported-ru").await;
    let saved = app.wait_text("#numbers-exported", ".csv").await;
    assert!(saved.contains("Сохранено в библиотеке документов"), "{saved}");
    let id: i64 = app.attribute("#numbers-exported", "data-document").await.expect("the library's id").parse().unwrap();
    let text = String::from_utf8(app.library_file(id).await).expect("UTF-8");
    assert!(text.starts_with("\u{feff}Номер;Лицевой счёт;"), "{}", &text[..80.min(text.len())]);
    // The label columns follow the portal's (empty: no labels yet), with the headers an import reads.
    assert!(text.contains("авансовый баланс, ₸;Сотрудник;Отдел;Код ЦФО;ЦФО;Теги\r\n"), "{text}");
    assert!(
        text.contains("77010542007;25060830;Business Class Junior;Кредитный;Активен;446,00;8476,90;;;;;\r\n"),
        "{text}"
    );

    // Usage: data in МБ, as the allowances say.
    app.click("[data-msisdn='77010542007']").await;
    app.click("#number-usage").await;
    app.choose("#usage-kind", "data").await;
    app.click("#usage-show").await;
    let quantities = app.wait_content("#usage-table td.num", "МБ").await;
    assert!(!quantities.contains("KB") && !quantities.contains("КБ"), "{quantities}");
    app.screenshot("usage-ru").await;
    app.keep_screenshots();
    app.close().await;
}
