//! End to end in Kazakh, in the real window: a first start on a Kazakh system (`LANG=kk_KZ`)
//! opens in Kazakh, and the main flows speak it: sign in, the list, a profile, block, a report
//! request, the balance transfer and a bulk preview. Dates are `06.12.2026`, money `8 476,90 ₸`,
//! months by their Kazakh names, counted phrases in their form. Each screen is shot at the
//! default size and at the minimum 900 × 600, and checked: Kazakh words are long, so nothing may
//! be cut (without a tooltip), leave the window, or push the page sideways.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// What is cut or off screen on the page, one line per problem (empty when all is well): short
/// texts (buttons, labels, headings, tabs, table headers, badges) show their whole text or carry
/// a tooltip; a select's chosen option fits it; nothing leaves the window unless a scrolling
/// box holds it.
const PROBLEMS: &str = r##"
const problems = [];
const width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
const scrolled = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === "auto" || o === "scroll") return true;
  }
  return false;
};
const name = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${el.textContent.trim().slice(0, 60)}"`;
const ctx = document.createElement("canvas").getContext("2d");
const short = "button, label, h1, h2, h3, th, [role=tab], .badge, .connection, summary, legend, dt, .label, select";
for (const el of document.querySelectorAll(short)) {
  if (!shown(el) || el.closest("#numbers-viewport, .visually-hidden")) continue;
  const r = el.getBoundingClientRect();
  if (!scrolled(el) && (r.left < -0.5 || r.right > width + 0.5)) problems.push(`${name(el)} is off screen: ${Math.round(r.left)}..${Math.round(r.right)} of ${width}`);
  if (el.tagName === "SELECT") {
    const style = getComputedStyle(el);
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = el.options[el.selectedIndex]?.textContent ?? "";
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
    if (ctx.measureText(text).width > room + 1 && !el.title) problems.push(`${name(el)}: its choice "${text}" is cut`);
  } else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible" && !el.title) {
    problems.push(`${name(el)} is cut: ${el.scrollWidth} > ${el.clientWidth}`);
  } else if (el.scrollWidth > el.clientWidth + 1 && !scrolled(el) && el.children.length === 0) {
    problems.push(`${name(el)} overflows its box: ${el.scrollWidth} > ${el.clientWidth}`);
  }
}
return problems.join("\n");
"##;

/// Shoots the screen as `name` at the current size and asserts nothing is cut or off screen.
async fn look(app: &App, name: &str) {
    // What the DOM holds is painted before the shot.
    let painted = "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));";
    app.client.execute_async(painted, vec![]).await.expect("a frame");
    app.screenshot(name).await;
    let problems = app.client.execute(PROBLEMS, vec![]).await.expect("layout script");
    let problems = problems.as_str().unwrap_or("script failed");
    assert!(problems.is_empty(), "{name}:\n{problems}");
}

/// Shoots and checks the screen at the default size, then at the minimum, and back.
async fn look_at_both_sizes(app: &App, name: &str) {
    look(app, &format!("{name}-kk")).await;
    app.to_minimum_size().await;
    look(app, &format!("{name}-kk-900x600")).await;
    app.client.set_window_size(1280, 800).await.expect("resize the window");
}

/// The app on a Kazakh system, signed in to the demo portal.
async fn kazakh_app() -> App {
    let app = App::launch_with(&[("LANG", "kk_KZ.UTF-8")]).await;
    app.wait_content("#login-submit", "Кіру").await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "жағдай бойынша").await;
    app
}

/// The text of an element as the DOM holds it (no-break spaces kept).
async fn content(app: &App, css: &str) -> String {
    let script = "return document.querySelector(arguments[0])?.textContent ?? '';";
    app.client.execute(script, vec![css.into()]).await.expect("read a text").as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_first_start_on_a_kazakh_system_signs_in_lists_opens_a_profile_and_blocks_in_kazakh() {
    let app = App::launch_with(&[("LANG", "kk_KZ.UTF-8")]).await;
    // The first start follows the system: Kazakh, and the picker says so in its own words.
    app.wait_text("#login-title, #screen-login h1", "Kcell Business ID жүйесіне кіру").await;
    assert_eq!(app.value("#lang-select").await, "kk");
    let names = "return [...document.querySelectorAll('#lang-select option')].map(o => o.value + '=' + o.textContent).join(',');";
    let names = app.client.execute(names, vec![]).await.expect("the picker's options");
    assert_eq!(names.as_str(), Some("kk=Қазақша,ru=Русский,en=English"));
    assert_eq!(app.attribute("html", "lang").await.as_deref(), Some("kk"));
    look_at_both_sizes(&app, "login").await;

    // A wrong password is refused in Kazakh, by the field.
    app.type_into("#login-phone", "77010016515").await;
    app.type_into("#login-password", "Wrong-pass-1").await;
    app.click("#login-submit").await;
    app.wait_text("#screen-login", "Телефон нөмірі немесе құпиясөз қате").await;

    app.sign_in_demo().await;
    let synced = app.wait_text("#numbers-synced", "жағдай бойынша").await;
    let date = synced.split_whitespace().find(|w| w.len() == 10 && w.as_bytes()[2] == b'.').unwrap_or_default();
    assert!(date.split('.').map(str::len).eq([2, 2, 4]), "a date as 06.12.2026: {synced}");
    app.find("#numbers-viewport [data-msisdn='77010542007']").await;
    // Money as 8 476,90 ₸: a no-break space between thousands, a decimal comma.
    app.wait_content("#numbers-viewport [data-msisdn='77010542007']", "8\u{a0}476,90").await;
    app.wait_text("#numbers-count", "Нөмірлер: 33").await;
    app.wait_content("#numbers-viewport", "Белсенді").await;
    look_at_both_sizes(&app, "list").await;

    // A profile, and blocking it.
    app.search_one("2115526", "77012115526").await;
    app.wait_text("#numbers-count", "Нөмірлер: 1").await;
    app.click("[data-msisdn='77012115526']").await;
    app.wait_text("#number-state", "Белсенді").await;
    app.find("#number-services [data-testid=available-service]").await;
    look_at_both_sizes(&app, "profile").await;
    app.click("#number-more").await;
    app.wait_visible("#more-services").await;
    look(&app, "profile-menu-kk").await;
    app.click("#number-more").await;
    app.click("#number-block").await;
    app.wait_text("#confirm-dialog-message", "Бұл нөмірді шынымен бұғаттағыңыз келе ме?").await;
    app.wait_content("#confirm-dialog-confirm", "Иә, сенімдімін").await;
    look_at_both_sizes(&app, "block-confirm").await;
    app.click("#confirm-dialog-confirm").await;
    app.wait_text("#number-state", "Өңделуде").await;
    app.wait_text("#number-state", "Бұғатталған").await;
    app.wait_text("#number-block", "Бұғаттаудан шығару").await;
    look_at_both_sizes(&app, "blocked").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn a_report_request_a_transfer_and_a_bulk_preview_speak_kazakh() {
    let app = kazakh_app().await;

    // A report request: accepted, and being prepared.
    app.click("#tab-documents").await;
    app.click("#subtab-devices_report").await;
    app.wait_text("#documents-content h2", "Тіркелген құрылғылар бойынша есеп").await;
    app.click("#devices-report-form-submit").await;
    app.wait_text("#devices-report-status", "Сұрау қабылданды").await;
    app.wait_text("#devices-requested [data-request] .request-state", "Дайындалуда").await;
    look_at_both_sizes(&app, "report-requested").await;
    // Months by their Kazakh names, lowercase.
    app.click("#subtab-certificate").await;
    app.wait_text("#documents-content h2", "Орындалған жұмыстар актісі").await;
    // The months arrive with the account's billed periods, after the form is drawn: wait for them.
    let kazakh = [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ];
    let started = std::time::Instant::now();
    let mut months = content(&app, "#certificate-form-month").await;
    while !kazakh.iter().any(|m| months.contains(m)) && started.elapsed() < std::time::Duration::from_secs(20) {
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        months = content(&app, "#certificate-form-month").await;
    }
    assert!(kazakh.iter().any(|m| months.contains(m)), "month names: {months}");
    look_at_both_sizes(&app, "certificate").await;

    // The balance transfer, asked and done in Kazakh, with the amounts as 3 750,00 ₸.
    app.click("#tab-transfer").await;
    app.wait_text("#screen-transfer h1", "Компанияның бір нөмірінен екіншісіне теңгерімді аудару").await;
    app.type_into("#transfer-sender", "2115526").await;
    app.click("#transfer-sender-list [data-msisdn='77012115526']").await;
    app.wait_text("#transfer-sender-hint", "Аударуға болады: 3 750,00 ₸").await;
    app.type_into("#transfer-recipient", "0542007").await;
    app.click("#transfer-recipient-list [data-msisdn='77010542007']").await;
    app.type_into("#transfer-amount", "500").await;
    app.type_into("#transfer-amount-tiyn", "50").await;
    look_at_both_sizes(&app, "transfer").await;
    app.click("#transfer-submit").await;
    app.wait_text(
        "#transfer-dialog",
        "500,50 ₸ сомасын +7 701 211 55 26 нөмірінен +7 701 054 20 07 нөміріне аударасыз ба?",
    )
    .await;
    look_at_both_sizes(&app, "transfer-confirm").await;
    app.click("#transfer-dialog-confirm").await;
    let done = app.wait_text("#transfer-result", "500,50 ₸ аударылды").await;
    assert!(done.contains("+7 701 211 55 26 теңгерімі: 3 249,50 ₸"), "{done}");
    look_at_both_sizes(&app, "transfer-done").await;

    // A bulk preview of two numbers; the count's phrase in each language's form.
    app.click("#tab-numbers").await;
    app.type_into("#numbers-search", "054200").await;
    app.wait_text("#numbers-count", "Нөмірлер: ").await;
    for msisdn in ["77010542006", "77010542007"] {
        app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-select]")).await;
    }
    app.wait_text("#selection-count", "2 таңдалды").await;
    look_at_both_sizes(&app, "selection").await;
    app.click("#selection-bulk").await;
    app.wait_text("#bulk-subject", "Тізімде 2 нөмір таңдалды.").await;
    app.choose("#bulk-action", "block").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Алдын ала қарау: Бұғаттау").await;
    app.wait_text("#bulk-items", "Орындалады").await;
    look_at_both_sizes(&app, "bulk-preview").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#bulk-subject", "В списке выбрано 2 номера.").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("#bulk-subject", "2 numbers selected in the list.").await;
    app.choose("#lang-select", "kk").await;
    app.wait_text("#bulk-subject", "Тізімде 2 нөмір таңдалды.").await;
    app.keep_screenshots();
    app.close().await;
}

/// The other screens and dialogs, in Kazakh at 900 × 600: help (the FAQ), settings, My Profile,
/// usage details, devices, call forwarding, the labels dialog and every tab of Documents and
/// reports. Only the layout is checked here; the flows are the other tests'.
#[tokio::test]
async fn every_other_screen_fits_the_minimum_window_in_kazakh() {
    let app = kazakh_app().await;
    app.to_minimum_size().await;
    app.click("#nav-help").await;
    app.wait_text("#view", "Жеке кабинетте бірнеше компанияны қалай басқаруға болады?").await;
    look(&app, "help-kk-900x600").await;
    app.click("#nav-settings").await;
    app.wait_content("#view", "Портал мекенжайы").await;
    assert_eq!(app.value("#settings-language").await, "kk");
    look(&app, "settings-kk-900x600").await;
    // The top bar's picker changes the language with Settings open: Settings' own picker follows,
    // so its Save does not put the old language back.
    app.choose("#lang-select", "ru").await;
    app.wait_content("#view", "Адрес портала").await;
    assert_eq!(app.value("#settings-language").await, "ru");
    app.choose("#lang-select", "kk").await;
    app.wait_content("#view", "Портал мекенжайы").await;
    assert_eq!(app.value("#settings-language").await, "kk");
    app.click("#nav-profile").await;
    app.wait_content("#view", "Ағымдағы құпиясөз").await;
    look(&app, "my-profile-kk-900x600").await;

    app.click("#tab-numbers").await;
    app.search_one("0542007", "77010542007").await;
    app.wait_text("#numbers-count", "Нөмірлер: 1").await;
    app.click("#numbers-viewport [data-msisdn='77010542007'] [data-testid=row-more]").await;
    app.click("#menu-profile").await;
    app.find("#screen-number[data-msisdn='77010542007'] #number-general .kv").await;
    app.click("#number-usage").await;
    app.click("#usage-show").await;
    app.wait_text("#usage-total", "Барлығы:").await;
    look(&app, "usage-kk-900x600").await;
    app.click("#usage-back").await;
    app.more("devices").await;
    app.wait_content("#view", "Тіркеу күйі").await;
    look(&app, "devices-kk-900x600").await;
    app.click("#devices-back").await;
    app.more("forwarding").await;
    app.wait_visible("#forwarding-dialog").await;
    look(&app, "forwarding-kk-900x600").await;
    app.click("#forwarding-dialog-cancel").await;

    app.click("#tab-documents").await;
    for tab in [
        "invoice_search",
        "actions_history",
        "numbers_report",
        "invoice_register",
        "reconciliation",
        "payments_report",
        "atlas_pro",
        "library",
    ] {
        app.click(&format!("#subtab-{tab}")).await;
        app.find(&format!("#screen-documents[data-tab={tab}] #documents-content :is(button, input)")).await;
        look(&app, &format!("documents-{tab}-kk-900x600")).await;
    }
    app.keep_screenshots();
    app.close().await;
}
