//! "Detailing for the Atlas Pro package": per number and day abroad, the country, the package's
//! daily fee, the megabytes used and the add-ons bought, for a period of the last twelve months
//! (`kabinet_protocol::rules::history_period`, the rule the actions history shares). The title block
//! states the package's terms as the manual does.
//!
//! Who travels: the company's numbers with a roaming service on (category roaming or data
//! roaming in `catalog.rs`), from the day it was enabled. When: derived, deterministic, like
//! usage (no table holds it): a number is abroad one week in four, two to five days in a row,
//! in one country that week; each day's megabytes are drawn, and a day past the package's
//! 100 MB at full speed may buy add-ons (50 MB each). Days up to today.

use super::{file_name, period, title, ReportFile, XLSX};
use crate::catalog;
use crate::db::parse_ts;
use crate::error::ApiResult;
use crate::store::usage::generator;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use kabinet_documents::{Cell, Column, ColumnKind, Table};
use kabinet_protocol::api::{Company, ReportRequest, ServiceCategory};
use sqlx::SqliteConnection;

/// The report's name, its title's first line.
pub const WHAT: &str = "Детализация по пакету Atlas Pro";
/// The package's daily fee, tiyn (950 ₸).
pub const DAY_FEE: i64 = 95_000;
/// What the package gives at full speed a day, MB.
pub const FULL_SPEED_MB: f64 = 100.0;
/// An add-on's price, tiyn (400 ₸), and what it gives at high speed, MB.
pub const ADD_ON_FEE: i64 = 40_000;
pub const ADD_ON_MB: f64 = 50.0;
/// The package's terms, as the title block states them (the manual's, in Russian).
pub const TERMS: [&str; 2] = [
    "Atlas Pro: безлимитный интернет в роуминге за 950 ₸ в сутки; первые 100 МБ на полной скорости, затем 128 Кбит/с.",
    "Дополнительный пакет: 400 ₸ в сутки, первые 50 МБ на высокой скорости, затем 128 Кбит/с до конца суток; купить: SMS «50MB» на номер 8541.",
];

const COUNTRIES: [&str; 8] = ["Турция", "ОАЭ", "Россия", "Узбекистан", "Грузия", "Китай", "Германия", "Таиланд"];

/// One day abroad of one number.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub country: &'static str,
    /// Megabytes used that day, to the hundredth.
    pub mb: f64,
    pub add_ons: i64,
}

impl Day {
    /// What the day cost: the package and the add-ons, tiyn.
    pub fn cost(&self) -> i64 {
        DAY_FEE + self.add_ons * ADD_ON_FEE
    }

    /// The megabytes of the day at full or high speed.
    pub fn fast_mb(&self) -> f64 {
        self.mb.min(FULL_SPEED_MB + self.add_ons as f64 * ADD_ON_MB)
    }
}

/// The number's Atlas Pro day, when it was abroad that day; always the same.
pub fn day(msisdn: &str, day: NaiveDate) -> Option<Day> {
    let week = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let mut trip = generator(&format!("atlas-trip:{msisdn}:{week}"));
    if trip(4) != 0 {
        return None;
    }
    let country = COUNTRIES[trip(COUNTRIES.len() as u64) as usize];
    let first = trip(3) as i64;
    let days = 2 + trip(4) as i64;
    let offset = (day - week).num_days();
    if offset < first || offset >= first + days {
        return None;
    }
    let mut next = generator(&format!("atlas-day:{msisdn}:{day}"));
    let mb = (next(40_000) + 500) as f64 / 100.0;
    let add_ons = if mb > FULL_SPEED_MB { next(3) as i64 } else { 0 };
    Some(Day { country, mb, add_ons })
}

/// The report's file as of `at` (the request passed `rules::reports::check` when accepted).
pub async fn render(
    conn: &mut SqliteConnection,
    company: &Company,
    req: &ReportRequest,
    at: DateTime<Utc>,
) -> ApiResult<ReportFile> {
    let (from, to) = period(req)?;
    let bytes =
        kabinet_documents::xlsx(&table(conn, company, from, to, at).await?).map_err(kabinet_protocol::Error::from)?;
    Ok(ReportFile {
        file_name: file_name("atlas_pro", company, Some((from, to)), at, "xlsx"),
        content_type: XLSX.into(),
        bytes,
    })
}

/// The report of a period already checked by the rule, as a table: one row per number and day
/// abroad, by number and then day, and the totals.
pub async fn table(
    conn: &mut SqliteConnection,
    company: &Company,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Table> {
    let roaming: Vec<String> = catalog::services()
        .into_iter()
        .filter(|s| matches!(s.category, ServiceCategory::Roaming | ServiceCategory::DataRoaming))
        .map(|s| s.id)
        .collect();
    let placeholders = vec!["?"; roaming.len()].join(", ");
    let sql = format!(
        "SELECT n.msisdn, MIN(s.activated_at) FROM numbers n JOIN number_services s ON s.msisdn = n.msisdn
         WHERE n.company_id = ? AND s.service_id IN ({placeholders}) GROUP BY n.msisdn ORDER BY n.msisdn"
    );
    let mut query = sqlx::query_as::<_, (String, String)>(&sql).bind(company.id);
    for id in &roaming {
        query = query.bind(id);
    }
    let travellers = query.fetch_all(&mut *conn).await?;
    let last = to.min(kabinet_protocol::kz::today(now));
    let (mut rows, mut fees, mut add_ons, mut mb) = (Vec::new(), 0i64, 0i64, 0f64);
    for (msisdn, since) in &travellers {
        let mut date = from.max(kabinet_protocol::kz::today(parse_ts(since)));
        while date <= last {
            if let Some(d) = day(msisdn, date) {
                fees += DAY_FEE;
                add_ons += d.add_ons * ADD_ON_FEE;
                mb += d.mb;
                rows.push(vec![
                    Cell::Date(date),
                    Cell::text(msisdn),
                    Cell::text(d.country),
                    Cell::Money(DAY_FEE),
                    Cell::Decimal(d.mb),
                    Cell::Decimal(d.fast_mb()),
                    Cell::Integer(d.add_ons),
                    Cell::Money(d.add_ons * ADD_ON_FEE),
                    Cell::Money(d.cost()),
                ]);
            }
            let Some(next) = date.succ_opt() else { break };
            date = next;
        }
    }
    let mut title = title(WHAT, company, Some((from, to)), now);
    title.notes.extend(TERMS.iter().map(|t| t.to_string()));
    Ok(Table {
        sheet: "Atlas Pro".into(),
        title,
        columns: vec![
            Column::new("Дата", ColumnKind::Date),
            Column::new("Номер", ColumnKind::Text).with_width(12.0),
            Column::new("Страна", ColumnKind::Text),
            Column::new("Пакет Atlas Pro, ₸", ColumnKind::Money),
            Column::new("Использовано, МБ", ColumnKind::Decimal),
            Column::new("На высокой скорости, МБ", ColumnKind::Decimal),
            Column::new("Доп. пакеты, шт.", ColumnKind::Integer),
            Column::new("Доп. пакеты, ₸", ColumnKind::Money),
            Column::new("Итого, ₸", ColumnKind::Money),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Итого"),
            Cell::Empty,
            Cell::Empty,
            Cell::Money(fees),
            Cell::Decimal((mb * 100.0).round() / 100.0),
            Cell::Empty,
            Cell::Empty,
            Cell::Money(add_ons),
            Cell::Money(fees + add_ons),
        ]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::test_db;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn trips_are_deterministic_runs_of_days_in_one_country() {
        let mut abroad = 0;
        let mut date = d(2025, 6, 2);
        while date < d(2026, 6, 1) {
            let week: Vec<_> = (0..7).map(|i| day("77010542007", date + Duration::days(i))).collect();
            let on: Vec<usize> = week.iter().enumerate().filter(|(_, d)| d.is_some()).map(|(i, _)| i).collect();
            if let (Some(first), Some(last)) = (on.first(), on.last()) {
                assert_eq!(on.len(), last - first + 1, "days in a row");
                assert!((2..=5).contains(&on.len()));
                let countries: Vec<_> = week.iter().flatten().map(|d| d.country).collect();
                assert!(countries.windows(2).all(|w| w[0] == w[1]), "one country a week");
            }
            for x in week.iter().flatten() {
                abroad += 1;
                assert!(x.mb >= 5.0 && x.fast_mb() <= x.mb);
                assert!(x.add_ons == 0 || x.mb > FULL_SPEED_MB);
                assert_eq!(x.cost(), DAY_FEE + x.add_ons * ADD_ON_FEE);
            }
            assert_eq!(week, (0..7).map(|i| day("77010542007", date + Duration::days(i))).collect::<Vec<_>>());
            date += Duration::days(7);
        }
        assert!((20..=120).contains(&abroad), "about one week in four: {abroad} days");
    }

    #[tokio::test]
    async fn the_company_s_roaming_numbers_days_abroad_and_the_terms() {
        let (_dir, pool) = test_db::demo().await;
        let company = test_db::company(&pool, 1).await;
        let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let t = table(&mut conn, &company, d(2025, 6, 1), d(2026, 5, 31), now).await.unwrap();
        t.check().unwrap();
        assert!(!t.rows.is_empty());
        let numbers: std::collections::BTreeSet<String> =
            t.rows.iter().filter_map(|r| if let Cell::Text(m) = &r[1] { Some(m.clone()) } else { None }).collect();
        assert!(numbers.contains("77010542007"), "the manual's number has roaming: {numbers:?}");
        assert!(numbers.contains("77010600148") && numbers.contains("77010600185"), "{numbers:?}");
        for row in &t.rows {
            let (Cell::Date(date), Cell::Text(msisdn)) = (&row[0], &row[1]) else { panic!("{row:?}") };
            assert!(*date <= d(2026, 5, 20), "not after today");
            let x = day(msisdn, *date).unwrap();
            assert_eq!(row[8], Cell::Money(x.cost()));
        }
        let fees: i64 = t
            .rows
            .iter()
            .map(|r| match r[8] {
                Cell::Money(m) => m,
                _ => 0,
            })
            .sum();
        assert_eq!(t.totals.as_ref().unwrap()[8], Cell::Money(fees));
        let lines = t.title.lines();
        assert_eq!(lines[lines.len() - 2..], TERMS.map(String::from));
        // A number without roaming has no row: company 2's numbers have none enabled.
        let other = test_db::company(&pool, 2).await;
        assert!(table(&mut conn, &other, d(2025, 6, 1), d(2026, 5, 20), now).await.unwrap().rows.is_empty());
    }
}
