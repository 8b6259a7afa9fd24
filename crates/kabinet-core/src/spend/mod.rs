//! Spend: what each number, cost centre and department costs, as a handle on the account
//! (`account.spend()`). The charges of the last 12 certificate months are fetched from the
//! portal's charges route into the cache (`cache/charges.rs`, with their totals:
//! `cache/charge_totals.rs`) and every figure is built from those totals
//! (`cache/spend_totals.rs`, `aggregate`), so Spend reads the same offline as of the last fetch.
//!
//! The fetch goes month by month, each month's pages first and then one transaction that
//! replaces that month: a fetch that fails midway (the portal gone, the app killed) leaves every
//! month either as it was or wholly new, never half of one.

pub mod aggregate;
pub mod chargeback;
pub mod dimension;
pub mod import;

use crate::cache::charges::{self as cached, ChargeRow};
use crate::cache::documents::{DocumentInfo, DocumentKind, NewDocument};
use crate::cache::spend_totals::{self as totals, Window};
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::library::Library;
use crate::numbers::Numbers;
use crate::rules::charges_period;
use crate::rules::document_months::YearMonth;
use crate::session::Session;
use crate::settings::Language;
use aggregate::{Amounts, Basis, Dimension, Figure, Group, MonthAmount, NumberAmount, TopNumber};
use chargeback::Chargeback;
use chrono::{DateTime, Utc};
use serde::Serialize;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Numbers per page asked of the portal.
const PAGE: u32 = 1_000;

/// How many top numbers the overview lists.
pub const TOP_COUNT: usize = 20;

/// What a fetch brought.
#[derive(Debug, Clone, Serialize)]
pub struct Fetched {
    pub months: Vec<YearMonth>,
    pub numbers: usize,
}

/// Every figure of the Spend area over the months held.
#[derive(Debug, Clone, Serialize)]
pub struct SpendOverview {
    /// The months shown, oldest first (the last 12 held).
    pub months: Vec<YearMonth>,
    /// When the newest of them was fetched.
    pub fetched_at: Option<DateTime<Utc>>,
    pub by_month: Vec<MonthAmount>,
    pub by_cost_centre: Vec<Group>,
    pub by_department: Vec<Group>,
    pub by_tariff: Vec<Group>,
    pub by_service: Vec<Group>,
    /// The latest month's top numbers by `basis`.
    pub top: Vec<TopNumber>,
    pub basis: Basis,
    pub total: Amounts,
}

/// The months an overview shows.
struct Held {
    months: Vec<YearMonth>,
    fetched_at: Option<DateTime<Utc>>,
}

/// A number behind a figure, with who uses it (empty when nobody is named).
#[derive(Debug, Clone, Serialize)]
pub struct NumberBehind {
    #[serde(flatten)]
    pub number: NumberAmount,
    pub employee: String,
}

/// A signed-in account's spend; get it with [`crate::account::Account::spend`].
#[derive(Clone, Copy)]
pub struct Spend<'a> {
    session: &'a Session,
}

impl<'a> Spend<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Fetches the company's charges of the last 12 certificate months into the cache, a month
    /// at a time (see the module's note on failures).
    pub async fn fetch(&self, company: i64) -> Result<Fetched> {
        let (from, to) = charges_period::last_year(Utc::now());
        self.fetch_months(company, from, to).await
    }

    /// Fetches `from..=to` (checked by `rules::charges_period` first, nothing sent otherwise).
    pub async fn fetch_months(&self, company: i64, from: YearMonth, to: YearMonth) -> Result<Fetched> {
        let owner = self.session.owner()?;
        charges_period::check(from, to, Utc::now())?;
        let mut numbers = 0;
        let mut months = Vec::new();
        let mut month = from;
        while month <= to {
            let mut items = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let page = self
                    .session
                    .check(self.session.client.charges_page(company, month, month, cursor.as_deref(), PAGE).await)?;
                items.extend(page.items);
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            numbers = numbers.max(items.len());
            cached::replace_month(self.session.cache.pool(), &owner, company, month, &items, Utc::now()).await?;
            months.push(month);
            month = month.next();
        }
        Ok(Fetched { months, numbers })
    }

    /// Fetches the certificate months of the last year that the cache does not hold yet, one at
    /// a time (a month's certificate, once out, is final: `rules::document_months`), so a sync
    /// followed by this brings at most the new month, and nothing when none is new.
    pub async fn refresh(&self, company: i64) -> Result<Fetched> {
        let (from, to) = charges_period::last_year(Utc::now());
        let held: Vec<YearMonth> = self.months(company).await?.into_iter().map(|(m, _)| m).collect();
        let mut fetched = Fetched { months: Vec::new(), numbers: 0 };
        let mut month = from;
        while month <= to {
            if !held.contains(&month) {
                let one = self.fetch_months(company, month, month).await?;
                fetched.months.extend(one.months);
                fetched.numbers = fetched.numbers.max(one.numbers);
            }
            month = month.next();
        }
        Ok(fetched)
    }

    /// Imports a breakdown file (`file` names it in messages): its account's month replaces
    /// that account's lines of the month in one transaction, so importing it twice changes
    /// nothing. Refused when it is not a breakdown, or when its account bills no number of the
    /// company as last synced (a file of another company). Numbers of the file that are not in
    /// the company's list are kept, and counted: the certificate billed them (a number moved or
    /// closed since), so dropping them would make the month disagree with its certificate.
    pub async fn import(&self, company: i64, file: &str, bytes: &[u8]) -> Result<import::Imported> {
        let owner = self.session.owner()?;
        let owned = bytes.to_vec();
        let name = file.to_string();
        let breakdown = tokio::task::spawn_blocking(move || import::read(&name, &owned))
            .await
            .map_err(|e| Error::new(ErrorCode::Internal, format!("The import failed: {e}")))??;
        let numbers: Vec<(String, String)> = sqlx::query_as(
            "SELECT msisdn, account FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ?",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .fetch_all(self.session.cache.pool())
        .await
        .map_err(Error::cache)?;
        if !numbers.iter().any(|(_, account)| *account == breakdown.account) {
            return Err(import::refused(
                file,
                "company",
                format!("its account {} bills no number of this company (sync the numbers first)", breakdown.account),
            )
            .with_param("account", &breakdown.account));
        }
        let company_numbers: std::collections::HashSet<&str> = numbers.iter().map(|(m, _)| m.as_str()).collect();
        let not_in_company = breakdown.lines.iter().filter(|l| !company_numbers.contains(l.msisdn.as_str())).count();
        cached::replace_account_month(
            self.session.cache.pool(),
            &owner,
            company,
            breakdown.month,
            &breakdown.account,
            &breakdown.lines,
            Utc::now(),
        )
        .await?;
        Ok(import::Imported {
            file: file.to_string(),
            month: breakdown.month,
            account: breakdown.account,
            numbers: breakdown.lines.len(),
            not_in_company,
            net: breakdown.net,
            vat: breakdown.vat,
            total: breakdown.net + breakdown.vat,
        })
    }

    /// The months held in the cache, oldest first, with when each was fetched.
    pub async fn months(&self, company: i64) -> Result<Vec<(YearMonth, DateTime<Utc>)>> {
        cached::months(self.session.cache.pool(), &self.session.owner()?, company).await
    }

    /// The cached charges from `from` to `to` (offline).
    pub async fn rows(&self, company: i64, from: YearMonth, to: YearMonth) -> Result<Vec<ChargeRow>> {
        if from > to {
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "from",
                "The first month is after the last one.",
            )
            .with_reason(Reason::PeriodReversed));
        }
        cached::rows(self.session.cache.pool(), &self.session.owner()?, company, from, to).await
    }

    /// The last 12 months held (oldest first) and when the newest was fetched (offline).
    async fn held(&self, company: i64) -> Result<Held> {
        let held = self.months(company).await?;
        let fetched_at = held.iter().map(|(_, t)| *t).max();
        let months: Vec<YearMonth> =
            held.iter().rev().take(charges_period::MAX_MONTHS as usize).rev().map(|(m, _)| *m).collect();
        Ok(Held { months, fetched_at })
    }

    /// The window of `months` (none when no month is held).
    fn window<'o>(owner: &'o crate::cache::Owner, company: i64, months: &[YearMonth]) -> Option<Window<'o>> {
        let (from, to) = (months.first()?, months.last()?);
        Some(Window { owner, company, from: from.to_string(), to: to.to_string() })
    }

    /// Spend by `dimension` over `months`, each group with how many numbers are behind it: as
    /// kept since the charges and labels last changed, or added up now and kept (see
    /// `cache/spend_totals.rs`).
    async fn groups(&self, window: &Window<'_>, months: &[YearMonth], dimension: Dimension) -> Result<Vec<Group>> {
        let pool = self.session.cache.pool();
        if let Some(json) = totals::kept_view(pool, window, dimension.id()).await? {
            match serde_json::from_str(&json) {
                Ok(groups) => return Ok(groups),
                Err(e) => tracing::warn!("a kept Spend view is unreadable, added up again: {e}"),
            }
        }
        let mut tx = pool.begin().await.map_err(Error::cache)?;
        let sums = totals::group_sums(&mut tx, window, dimension).await?;
        let counts = totals::group_counts(&mut tx, window, dimension).await?;
        let groups = aggregate::stacked(&sums, &counts, months);
        let json = serde_json::to_string(&groups).map_err(|e| Error::cache(e.to_string()))?;
        // Not kept when a write came in between (the next view adds up again): never stale.
        if let Err(e) = totals::keep_view(tx, window, dimension.id(), &json).await {
            tracing::debug!("a Spend view not kept: {e}");
        }
        Ok(groups)
    }

    /// Every figure over the last 12 months held (offline), top numbers by `basis`.
    pub async fn overview(&self, company: i64, basis: Basis) -> Result<SpendOverview> {
        let Held { months, fetched_at } = self.held(company).await?;
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        let Some(window) = Self::window(&owner, company, &months) else {
            return Ok(SpendOverview {
                months,
                fetched_at,
                by_month: Vec::new(),
                by_cost_centre: Vec::new(),
                by_department: Vec::new(),
                by_tariff: Vec::new(),
                by_service: Vec::new(),
                top: Vec::new(),
                basis,
                total: Amounts::default(),
            });
        };
        let mut conn = pool.acquire().await.map_err(Error::cache)?;
        let by_month = aggregate::by_month(&totals::by_month(&mut conn, &window).await?, &months);
        drop(conn);
        let mut total = Amounts::default();
        by_month.iter().for_each(|m| total.add(m.amounts.net, m.amounts.vat));
        Ok(SpendOverview {
            top: self.top(&window, basis).await?,
            by_cost_centre: self.groups(&window, &months, Dimension::CostCentre).await?,
            by_department: self.groups(&window, &months, Dimension::Department).await?,
            by_tariff: self.groups(&window, &months, Dimension::Tariff).await?,
            by_service: self.groups(&window, &months, Dimension::Service).await?,
            by_month,
            months,
            fetched_at,
            basis,
            total,
        })
    }

    /// The window's last month's top numbers by `basis`, with their change.
    async fn top(&self, window: &Window<'_>, basis: Basis) -> Result<Vec<TopNumber>> {
        let pool = self.session.cache.pool();
        let Some(month) = aggregate::parse_month(&window.to) else { return Ok(Vec::new()) };
        let latest =
            Window { owner: window.owner, company: window.company, from: window.to.clone(), to: window.to.clone() };
        let top = totals::top(pool, &latest, basis == Basis::WithVat, TOP_COUNT as i64).await?;
        let before = Window { from: month.minus(3).to_string(), to: month.minus(1).to_string(), ..latest };
        let msisdns: Vec<String> = top.iter().map(|t| t.1.clone()).collect();
        let before = totals::number_months(pool, &before, Some(&msisdns)).await?;
        Ok(aggregate::top_numbers(&top, &before, month, basis))
    }

    /// The numbers behind one figure of the overview (same months, offline), each with its part
    /// of it and its employee, the largest by `basis` first.
    pub async fn behind(&self, company: i64, figure: &Figure, basis: Basis) -> Result<Vec<NumberBehind>> {
        let Held { months, .. } = self.held(company).await?;
        let owner = self.session.owner()?;
        let months = match figure.month {
            Some(m) if months.contains(&m) => vec![m],
            Some(_) => Vec::new(),
            None => months,
        };
        let Some(window) = Self::window(&owner, company, &months) else { return Ok(Vec::new()) };
        let rows =
            totals::numbers_behind(self.session.cache.pool(), &window, figure.dimension, figure.key.as_deref()).await?;
        let mut numbers: Vec<NumberBehind> = rows
            .into_iter()
            .map(|(msisdn, account, tariff, employee, net, vat)| {
                let mut amounts = Amounts::default();
                amounts.add(net, vat);
                NumberBehind { number: NumberAmount { msisdn, account, tariff, amounts }, employee }
            })
            .collect();
        numbers.sort_by(|a, b| {
            b.number
                .amounts
                .of(basis)
                .cmp(&a.number.amounts.of(basis))
                .then_with(|| a.number.msisdn.cmp(&b.number.msisdn))
        });
        Ok(numbers)
    }

    /// One chart's data (offline): spend by `dimension`, stacked over the last 12 months held.
    pub async fn view(&self, company: i64, dimension: Dimension) -> Result<Vec<Group>> {
        let Held { months, .. } = self.held(company).await?;
        let owner = self.session.owner()?;
        match Self::window(&owner, company, &months) {
            Some(window) => self.groups(&window, &months, dimension).await,
            None => Ok(Vec::new()),
        }
    }

    /// The chargeback of `from..=to` from the cache (offline): every month must be held
    /// (fetched), at most 12.
    pub async fn chargeback(&self, company: i64, from: YearMonth, to: YearMonth) -> Result<Chargeback> {
        if from > to {
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "from",
                "The first month is after the last one.",
            )
            .with_reason(Reason::PeriodReversed));
        }
        if to.index() - from.index() + 1 > charges_period::MAX_MONTHS {
            return Err(Error::invalid_field(
                ErrorCode::PeriodTooLong,
                "from",
                format!("A chargeback covers at most {} months.", charges_period::MAX_MONTHS),
            )
            .with_param("max", charges_period::MAX_MONTHS));
        }
        let held: Vec<YearMonth> = self.months(company).await?.into_iter().map(|(m, _)| m).collect();
        let mut months = Vec::new();
        let mut month = from;
        while month <= to {
            if !held.contains(&month) {
                return Err(Error::invalid_field(
                    ErrorCode::NotFound,
                    "from",
                    format!("The charges of {month} are not kept here yet: fetch them from the portal first."),
                )
                .with_param("month", month));
            }
            months.push(month);
            month = month.next();
        }
        let owner = self.session.owner()?;
        let window = Window { owner: &owner, company, from: from.to_string(), to: to.to_string() };
        let pool = self.session.cache.pool();
        let names: Vec<String> = months.iter().map(YearMonth::to_string).collect();
        // One read transaction: the numbers, the months' totals and the labels as of one moment;
        // the labels are decoded while the months are read.
        let mut tx = pool.begin().await.map_err(Error::cache)?;
        let labels = totals::chargeback_labels(&mut tx, &owner, company).await?;
        let numbers = totals::number_years(&mut tx, &window, &names).await?;
        let by_month = aggregate::by_month(&totals::by_month(&mut tx, &window).await?, &months);
        tx.commit().await.map_err(Error::cache)?;
        let labels = labels.await.map_err(|e| Error::cache(e.to_string()))??;
        Ok(chargeback::build(numbers, &by_month, labels, &months))
    }

    /// The chargeback as XLSX in `lang`, kept in the documents library.
    pub async fn chargeback_file(
        &self,
        company: i64,
        from: YearMonth,
        to: YearMonth,
        lang: Language,
    ) -> Result<(Chargeback, DocumentInfo)> {
        let data = self.chargeback(company, from, to).await?;
        let export_company = Numbers::new(self.session).export_company(company).await?;
        let now = Utc::now();
        let tables = chargeback::tables(&data, &export_company, lang, now);
        // 2.2M cells at 100,000 numbers: they are freed on another thread while the file is kept.
        let (bytes, tables) = tokio::task::spawn_blocking(move || (kabinet_documents::xlsx_book(&tables), tables))
            .await
            .map_err(|e| Error::new(ErrorCode::Internal, format!("The chargeback failed: {e}")))?;
        tokio::task::spawn_blocking(move || drop(tables));
        let bytes = bytes?;
        let file_name = chargeback::file_name(&data.months);
        let doc = NewDocument {
            kind: DocumentKind::Chargeback,
            company_id: Some(company),
            subject: None,
            request_id: None,
            msisdn: None,
            period: Some((from.first_day(), to.last_day())),
            file_name: &file_name,
            content_type: XLSX,
            bytes: &bytes,
            detail: None,
            created_at: now,
        };
        let info = Library::new(self.session).save(&doc).await?;
        Ok((data, info))
    }
}
