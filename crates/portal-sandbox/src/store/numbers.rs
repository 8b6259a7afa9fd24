//! Numbers as the sandbox stores them: its own row of a number's summary, the grant check,
//! the list's pages, the profile and PIN/PUK.
//!
//! The row mapping is the sandbox's own: the client's cache has another schema and its own
//! mapping, so either side can change its tables without the other. A stored value this
//! version does not know stays `Unknown` (as a newer portal would send it); an unreadable time
//! is an error naming the column and the number, never a made-up date.

use super::actions::{self, Status};
use super::Actor;
use crate::db::{parse_ts, ts_micros};
use crate::error::{ApiError, ApiResult};
use crate::portal_key::{PortalKey, Purpose};
use chrono::{DateTime, Utc};
use kabinet_protocol::action::ActionKind;
use kabinet_protocol::api::{
    GeneralInfo, NumberDetail, NumberState, NumberSummary, PaymentMethod, SimInfo, SimSecrets,
};
use kabinet_protocol::domain::Tiyn;
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// The columns of [`SummaryRow`], in its order.
const SUMMARY_COLUMNS: &str = "msisdn, account, tariff, payment_method, state, state_changed_at, \
    individual_limit, available_funds, credit_limit, balance, debt, updated_at";

/// A number's summary as stored: times as RFC 3339 text, money as tiyn, enums by wire name.
/// Read as a row, or from a JSON array of the columns in this order ([`page`]).
#[derive(sqlx::FromRow, serde::Deserialize)]
struct SummaryRow {
    msisdn: String,
    account: String,
    tariff: String,
    payment_method: String,
    state: String,
    state_changed_at: String,
    individual_limit: Option<i64>,
    available_funds: Option<i64>,
    credit_limit: i64,
    balance: i64,
    debt: i64,
    updated_at: String,
}

impl SummaryRow {
    fn into_summary(self) -> ApiResult<NumberSummary> {
        let time = |column: &str, s: &str| {
            DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|_| {
                tracing::error!("the stored number {} has an unreadable {column}: {s:?}", self.msisdn);
                ApiError::new(ErrorCode::Internal, format!("The number {} has an unreadable {column}.", self.msisdn))
            })
        };
        Ok(NumberSummary {
            state_changed_at: time("state_changed_at", &self.state_changed_at)?,
            updated_at: time("updated_at", &self.updated_at)?,
            payment_method: PaymentMethod::from_wire(&self.payment_method),
            state: NumberState::from_wire(&self.state),
            individual_limit: self.individual_limit.map(Tiyn),
            available_funds: self.available_funds.map(Tiyn),
            credit_limit: Tiyn(self.credit_limit),
            balance: Tiyn(self.balance),
            debt: Tiyn(self.debt),
            msisdn: self.msisdn,
            account: self.account,
            tariff: self.tariff,
        })
    }
}

/// The caller acting on a number of a company granted to them; 404 otherwise, as if the
/// number did not exist.
pub async fn actor(conn: &mut SqliteConnection, admin_id: i64, msisdn: &str) -> ApiResult<Actor> {
    let company: Option<i64> = sqlx::query_scalar(
        "SELECT n.company_id FROM numbers n JOIN grants g ON g.company_id = n.company_id
         WHERE n.msisdn = ? AND g.admin_id = ?",
    )
    .bind(msisdn)
    .bind(admin_id)
    .fetch_optional(&mut *conn)
    .await?;
    company.map(|company_id| Actor { admin_id, company_id }).ok_or_else(ApiError::not_found)
}

pub async fn summary(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<NumberSummary> {
    let row: SummaryRow = sqlx::query_as(&format!("SELECT {SUMMARY_COLUMNS} FROM numbers WHERE msisdn = ?"))
        .bind(msisdn)
        .fetch_one(&mut *conn)
        .await?;
    row.into_summary()
}

/// The summaries of those of `msisdns` that are numbers of `company`, by msisdn, in one query
/// (the bulk check reads thousands at once).
pub async fn summaries_in_company(
    conn: &mut SqliteConnection,
    company: i64,
    msisdns: &[String],
) -> ApiResult<std::collections::HashMap<String, NumberSummary>> {
    let list = serde_json::to_string(msisdns).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM numbers WHERE company_id = ? AND msisdn IN (SELECT value FROM json_each(?))"
    ))
    .bind(company)
    .bind(list)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(|r| r.into_summary().map(|s| (s.msisdn.clone(), s))).collect()
}

/// Up to `limit` numbers of the company after `after` in msisdn order, changed after `since`
/// when given.
pub async fn page(
    conn: &mut SqliteConnection,
    company: i64,
    after: &str,
    since: Option<DateTime<Utc>>,
    limit: u32,
) -> ApiResult<Vec<NumberSummary>> {
    // The page comes out of SQLite as one JSON text (an array of each row's columns), not row by
    // row: a page is up to 5,000 rows, and reading them one by one through the driver cost more
    // than the query (a copy of every value and a message between threads per row).
    let (json,): (Option<String>,) = page_row(
        conn,
        &format!("json_group_array(json_array({SUMMARY_COLUMNS}) ORDER BY msisdn)"),
        (company, after, since, limit),
    )
    .await?;
    let rows: Vec<SummaryRow> = serde_json::from_str(json.as_deref().unwrap_or("[]"))
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("A page of numbers could not be read: {e}")))?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
}

/// `SELECT select` (an aggregate) over up to `limit` numbers of the company after `after` in
/// msisdn order, changed after `since` when given: the one row of [`page`] and [`page_json`].
async fn page_row<T>(
    conn: &mut SqliteConnection,
    select: &str,
    (company, after, since, limit): (i64, &str, Option<DateTime<Utc>>, u32),
) -> ApiResult<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    // A full listing walks the msisdn index. Changes since a time are few, so they are found by
    // the updated_at index and sorted; SQLite would otherwise walk every number by msisdn to
    // avoid that sort, and "nothing changed" would cost a scan of the whole company.
    let index = if since.is_some() { "numbers_by_company_updated" } else { "numbers_by_company" };
    Ok(sqlx::query_as(&format!(
        "SELECT {select} FROM (
             SELECT {SUMMARY_COLUMNS} FROM numbers INDEXED BY {index}
             WHERE company_id = ? AND msisdn > ? AND updated_at > ? ORDER BY msisdn LIMIT ?)"
    ))
    .bind(company)
    .bind(after)
    .bind(since.map(ts_micros).unwrap_or_default())
    .bind(i64::from(limit))
    .fetch_one(&mut *conn)
    .await?)
}

/// A page of the list as the wire's JSON: the array of [`NumberSummary`] objects, its length
/// and its last number (for the next cursor).
pub struct PageJson {
    pub items: String,
    pub len: usize,
    pub last: Option<String>,
}

/// What [`page`] returns, as the JSON the list route sends. SQLite writes each row's object
/// itself, so serving a page does not read every value into Rust and write it out again (that
/// was most of the time a page of 5,000 took). Stored values pass through as stored, which the
/// wire allows: money and limits are integers (or null), a state or method this version does
/// not know is sent as stored, as [`page`] would, and a time is sent as the sandbox writes it
/// ([`crate::db::ts`], [`ts_micros`]: UTC, `Z`). A page holding a time not shaped that way
/// (another offset, text that is no time) is served through [`page`] instead, which converts it
/// or names the number and the column it cannot read; the shape is checked, not the calendar
/// (a regular expression or a date function per row cost as much as the rest of the page), so
/// a well-shaped impossible date reaches the client, which refuses it by its field's name.
///
/// The objects are aggregated in the order the ordered subquery yields them, with no ORDER BY
/// of their own: that would sort the page's objects a second time (a third of serving it).
/// SQLite runs such a subquery as a co-routine feeding the aggregate row by row, so the order
/// holds (`a_page_as_json_is_the_page_as_read` checks it against [`page`] across pages), and a
/// client that got a page out of order still keeps every row in its place (it renumbers).
pub async fn page_json(
    conn: &mut SqliteConnection,
    company: i64,
    after: &str,
    since: Option<DateTime<Utc>>,
    limit: u32,
) -> ApiResult<PageJson> {
    let object =
        SUMMARY_COLUMNS.split(',').map(str::trim).map(|c| format!("'{c}', {c}")).collect::<Vec<_>>().join(", ");
    let written = format!("{} AND {}", written_time("state_changed_at"), written_time("updated_at"));
    let (items, len, last, unwritten): (String, i64, Option<String>, i64) = page_row(
        conn,
        &format!("json_group_array(json_object({object})), count(*), max(msisdn), coalesce(sum(NOT ({written})), 0)"),
        (company, after, since, limit),
    )
    .await?;
    if unwritten > 0 {
        let numbers = page(conn, company, after, since, limit).await?;
        let items = serde_json::to_string(&numbers).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        return Ok(PageJson { items, len: numbers.len(), last: numbers.last().map(|n| n.msisdn.clone()) });
    }
    Ok(PageJson { items, len: usize::try_from(len).unwrap_or_default(), last })
}

/// SQL that is true when `column` holds a time shaped as the sandbox writes it: UTC (`Z`),
/// whole seconds (20 characters) or microseconds (27).
fn written_time(column: &str) -> String {
    format!("(length({column}) IN (20, 27) AND substr({column}, 11, 1) = 'T' AND substr({column}, -1) = 'Z')")
}

/// The number profile: information, general information, SIM and device.
pub async fn detail(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<NumberDetail> {
    let summary = summary(conn, msisdn).await?;
    type Row = (String, String, bool, bool, bool, String, Option<String>, Option<String>, Option<String>);
    let r: Row = sqlx::query_as(
        "SELECT payment_method, registration_form, ban_sms_ussd, ban_mykcell_details, ban_mykcell, iccid, sim_replaced_at, imei,
                (SELECT sent_at FROM secret_codes WHERE secret_codes.msisdn = numbers.msisdn)
         FROM numbers WHERE msisdn = ?",
    )
    .bind(msisdn)
    .fetch_one(&mut *conn)
    .await?;
    Ok(NumberDetail {
        general: GeneralInfo {
            payment_method: PaymentMethod::parse(&r.0).unwrap_or(PaymentMethod::Credit),
            registration_form: r.1,
            account: summary.account.clone(),
            ban_sms_ussd: r.2,
            ban_mykcell_details: r.3,
            ban_mykcell: r.4,
            secret_code_sent_at: r.8.as_deref().map(parse_ts),
        },
        sim: SimInfo { iccid: r.5, sim_replaced_at: r.6.as_deref().map(parse_ts), imei: r.7 },
        summary,
    })
}

/// PIN and PUK of the number's SIM; the view is written to the actions history.
pub async fn sim_secrets(
    conn: &mut SqliteConnection,
    key: &PortalKey,
    actor: Actor,
    msisdn: &str,
    now: DateTime<Utc>,
) -> ApiResult<SimSecrets> {
    let iccid: String =
        sqlx::query_scalar("SELECT iccid FROM numbers WHERE msisdn = ?").bind(msisdn).fetch_one(&mut *conn).await?;
    actions::record(conn, actor, Some(msisdn), &ActionKind::SimCodesView.history(), Status::Success, now).await?;
    Ok(derive_secrets(key, &iccid))
}

/// The manual's SIM (of its number 77010542007), whose codes the manual shows.
const MANUAL_ICCID: &str = "89997027508016848485";

/// The sandbox keeps no PIN/PUK at rest: they belong to the SIM card, so it derives them from
/// the SIM's ICCID when asked, and a replaced SIM (`sim.rs`) comes with new codes. The ICCID is
/// stored in clear, so the derivation is keyed with the portal's key (`portal_key.rs`): the
/// database alone does not give the codes.
fn derive_secrets(key: &PortalKey, iccid: &str) -> SimSecrets {
    if iccid == MANUAL_ICCID {
        return SimSecrets {
            pin1: "0000".into(),
            pin2: "8649".into(),
            puk1: "51352846".into(),
            puk2: "55752910".into(),
        };
    }
    let [pin1, pin2, puk1, puk2] = key.digits(Purpose::SimCodes, &[iccid.as_bytes()], [4, 4, 8, 8]);
    SimSecrets { pin1, pin2, puk1, puk2 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_secrets_are_stable_and_well_formed() {
        let key = PortalKey::random();
        let a = derive_secrets(&key, "89997020077010600009");
        assert_eq!(a, derive_secrets(&key, "89997020077010600009"));
        assert_eq!((a.pin1.len(), a.pin2.len(), a.puk1.len(), a.puk2.len()), (4, 4, 8, 8));
        assert_ne!(a, derive_secrets(&key, "89997020077010600017"), "another SIM, other codes");
        assert_ne!(a, derive_secrets(&PortalKey::random(), "89997020077010600009"), "another key, other codes");
        assert_eq!(derive_secrets(&key, MANUAL_ICCID).pin2, "8649");
    }

    /// The JSON SQLite writes is the page [`page`] reads, in order, for a whole list in pages,
    /// for changes since a time, for values this version does not know, and for times stored
    /// another way (served through [`page`]); a time nothing can read is refused by name.
    #[tokio::test]
    async fn a_page_as_json_is_the_page_as_read() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).await.unwrap();
        crate::seed::apply(&pool, &crate::seed::Seed::Demo).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let company: i64 = sqlx::query_scalar("SELECT company_id FROM numbers WHERE msisdn = '77010542007'")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        sqlx::query(
            "UPDATE numbers SET state = 'suspended', payment_method = 'barter', individual_limit = NULL,
                 tariff = 'Say \"hi\" \\ 100%', updated_at = '2099-01-02T03:04:05.120000Z'
             WHERE msisdn = '77010542007'",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        async fn same(conn: &mut SqliteConnection, company: i64, after: &str, since: Option<DateTime<Utc>>) -> usize {
            let read = page(conn, company, after, since, 3).await.unwrap();
            let json = page_json(conn, company, after, since, 3).await.unwrap();
            let parsed: Vec<NumberSummary> = serde_json::from_str(&json.items).unwrap();
            assert_eq!(parsed, read, "after {after:?} since {since:?}");
            assert_eq!((json.len, json.last), (read.len(), read.last().map(|n| n.msisdn.clone())));
            read.len()
        }
        let (mut after, mut seen) = (String::new(), 0);
        loop {
            let n = same(&mut conn, company, &after, None).await;
            if n == 0 {
                break;
            }
            seen += n;
            after = page(&mut conn, company, &after, None, 3).await.unwrap().last().unwrap().msisdn.clone();
        }
        assert!(seen > 3, "the demo company has pages: {seen}");
        let since = DateTime::parse_from_rfc3339("2099-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(same(&mut conn, company, "", Some(since)).await, 1);
        let json = page_json(&mut conn, company, "", Some(since), 3).await.unwrap();
        assert!(json.items.contains(r#""updated_at":"2099-01-02T03:04:05.120000Z""#), "as stored: {}", json.items);

        sqlx::query("UPDATE numbers SET state_changed_at = '2020-01-13T14:32:00+05:00' WHERE msisdn = '77010542007'")
            .execute(&mut *conn)
            .await
            .unwrap();
        same(&mut conn, company, "", Some(since)).await;
        let json = page_json(&mut conn, company, "", Some(since), 3).await.unwrap();
        assert!(json.items.contains(r#""state_changed_at":"2020-01-13T09:32:00Z""#), "{}", json.items);

        sqlx::query("UPDATE numbers SET state_changed_at = 'yesterday' WHERE msisdn = '77010542007'")
            .execute(&mut *conn)
            .await
            .unwrap();
        let e = page_json(&mut conn, company, "", Some(since), 3).await.err().unwrap();
        assert!(e.0.message.contains("77010542007 has an unreadable state_changed_at"), "{}", e.0.message);
    }

    #[tokio::test]
    async fn a_stored_state_this_version_does_not_know_stays_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).await.unwrap();
        crate::seed::apply(&pool, &crate::seed::Seed::Demo).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        sqlx::query("UPDATE numbers SET state = 'suspended' WHERE msisdn = '77010542007'")
            .execute(&mut *conn)
            .await
            .unwrap();
        let n = summary(&mut conn, "77010542007").await.unwrap();
        assert_eq!(n.state, NumberState::Unknown("suspended".into()));
        sqlx::query("UPDATE numbers SET updated_at = 'yesterday' WHERE msisdn = '77010542007'")
            .execute(&mut *conn)
            .await
            .unwrap();
        let e = summary(&mut conn, "77010542007").await.unwrap_err();
        assert!(e.0.message.contains("updated_at"), "{}", e.0.message);
    }
}
