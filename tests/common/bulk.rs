//! What the bulk actions' e2e tests check again and again: the window's and the bulk screen's
//! layout, and resuming a paused run from its notice until it finishes.

use super::App;

/// What is wrong with the window as a whole (empty when all is well): it never scrolls, so the
/// top bar is at the top, whole, and the numbers list ends inside the window.
pub async fn window_scroll_problems(app: &App) -> String {
    let script = r##"
      const problems = [];
      const page = document.scrollingElement;
      if (page.scrollTop !== 0) problems.push(`the window is scrolled ${page.scrollTop} px down`);
      if (page.scrollHeight > page.clientHeight) problems.push(`the window scrolls: ${page.scrollHeight} > ${page.clientHeight}`);
      const bar = document.getElementById("topbar").getBoundingClientRect();
      if (bar.top !== 0) problems.push(`the top bar starts at ${bar.top}`);
      const list = document.getElementById("numbers-viewport")?.getBoundingClientRect();
      const main = document.getElementById("view");
      if (list && main.scrollHeight <= main.clientHeight && list.bottom > window.innerHeight + 0.5) problems.push(`the list ends below the window: ${Math.round(list.bottom)} > ${window.innerHeight}`);
      return problems.join("\n");
    "##;
    app.client.execute(script, vec![]).await.expect("layout script").as_str().unwrap_or("script failed").to_string()
}

/// What is wrong with the bulk screen's layout (empty when all is well).
pub async fn bulk_layout_problems(app: &App) -> String {
    let script = r##"
      const width = document.documentElement.clientWidth;
      const problems = [];
      if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      const view = document.getElementById("view");
      if (view.scrollWidth > view.clientWidth + 1) problems.push(`the screen scrolls sideways: ${view.scrollWidth} > ${view.clientWidth}`);
      document.querySelectorAll("#screen-bulk button:not([hidden]), #bulk-items th, #bulk-counts .fact").forEach((el) => {
        if (el.offsetParent === null) return;
        const r = el.getBoundingClientRect();
        if (r.left < 0 || r.right > width + 0.5) problems.push(`${el.id || el.textContent} is off screen: ${Math.round(r.left)}..${Math.round(r.right)}`);
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`"${el.textContent}" is cut: ${el.scrollWidth} > ${el.clientWidth}`);
      });
      // A number and a time are never cut or wrapped.
      document.querySelectorAll("#bulk-items td:nth-child(2), #bulk-items td:nth-child(5)").forEach((el) => {
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`"${el.textContent}" is cut: ${el.scrollWidth} > ${el.clientWidth}`);
      });
      return problems.join("\n");
    "##;
    app.client.execute(script, vec![]).await.expect("layout script").as_str().unwrap_or("script failed").to_string()
}

/// Clicks the paused notice's Resume and waits for the run's screen. A refusal shown in the
/// notice fails the test with its words; a click that led nowhere (CI's first failure of this
/// test showed neither the screen nor an error, under load) is said and made once more.
pub async fn resume_from_the_notice(app: &App) {
    let script = "const t = document.querySelector('#bulk-run-title'); \
                  const e = document.querySelector('.bulk-paused .field-error:not([hidden])'); \
                  return [t ? 'screen' : '', e ? e.textContent : ''];";
    for attempt in 0..2 {
        app.click("[data-testid=bulk-paused-resume]").await;
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(20) {
            let seen = app.client.execute(script, vec![]).await.expect("read the screen");
            let (screen, error) = (seen[0].as_str().unwrap_or_default(), seen[1].as_str().unwrap_or_default());
            assert!(error.is_empty(), "Resume was refused: {error}");
            if screen == "screen" {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        eprintln!("resume, attempt {attempt}: neither the run's screen nor an error after 20 s");
    }
    panic!("Resume never opened the run's screen");
}

/// Waits, up to a minute (each answer of the slow portal takes 0.9 s, and CI is slower), for
/// the run to say it finished.
pub async fn wait_finished(app: &App) {
    let started = std::time::Instant::now();
    let mut last = String::new();
    while started.elapsed() < std::time::Duration::from_secs(60) {
        let seen = app.client.execute("return document.querySelector('#bulk-run-title')?.textContent ?? '';", vec![]);
        last = seen.await.expect("read the title").as_str().unwrap_or_default().to_string();
        if last.contains("Finished: Block") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    panic!("#bulk-run-title never said Finished: Block; last: {last:?}");
}
