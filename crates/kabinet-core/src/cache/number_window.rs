//! The numbers list as the window reads it: a window of the (filtered, sorted) list with its
//! labels, and the whole filtered list for exports.
//!
//! A window is one statement: the list's length, the rows and their labels, each as one value
//! SQLite builds (a JSON array). Each statement and each row through sqlx is a message between
//! its worker thread and the caller: a window that took four statements, a hundred row
//! messages and two pool checkouts spent about a millisecond on them alone, the whole of
//! search's budget (issue 20).

use super::labels;
use super::number_filter::{NumberFilter, NumberWindow};
use super::summary_row::{summary_from_row, SummaryRow, SUMMARY_COLUMNS};
use super::Owner;
use crate::api::NumberSummary;
use crate::error::{Error, Result};
use crate::number_label::Label;
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// `limit` rows of the filtered list from `offset`, the filtered list's length, and the labels
/// of the window's numbers.
pub async fn window(
    cache: &super::Cache,
    owner: &Owner,
    company: i64,
    filter: &NumberFilter,
    offset: i64,
    limit: i64,
) -> Result<NumberWindow> {
    let offset = offset.max(0);
    let limit = limit.clamp(1, 500);
    let mut conn = cache.pool().acquire().await.map_err(Error::cache)?;
    if filter.is_plain() {
        // The unfiltered list: positions are 0..n, so both the length and the window come
        // straight from the position index.
        let (last, rows, labels): (Option<i64>, String, String) = sqlx::query_as(&format!(
            "WITH w AS (SELECT position AS k, {SUMMARY_COLUMNS} FROM numbers
                        WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 AND position >= ?4
                        ORDER BY position LIMIT ?5)
             SELECT (SELECT MAX(position) FROM numbers WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3),
                    (SELECT json_group_array(json_array(k, json_array({SUMMARY_COLUMNS}))) FROM w),
                    ({})",
            labels::of_window_sql("w")
        ))
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(offset)
        .bind(limit)
        .fetch_one(&mut *conn)
        .await
        .map_err(Error::cache)?;
        let total = last.map_or(0, |l| l + 1);
        return Ok(NumberWindow { total, offset, rows: decode_rows(&rows)?, labels: labels::decode(&labels)? });
    }
    let matches = cache.search().matches(&mut conn, owner, company, filter).await?;
    // Any offset up to i64::MAX: no cast that truncates, no sum that overflows.
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(matches.len());
    let end = start.saturating_add(limit as usize).min(matches.len());
    let (rows, labels) = by_rowids(&mut conn, Some((owner, company)), &matches[start..end]).await?;
    Ok(NumberWindow { total: matches.len() as i64, offset, rows, labels })
}

/// Every cached number of the (filtered) list, in list order (exports).
pub async fn all(
    cache: &super::Cache,
    owner: &Owner,
    company: i64,
    filter: &NumberFilter,
) -> Result<Vec<NumberSummary>> {
    let mut conn = cache.pool().acquire().await.map_err(Error::cache)?;
    if filter.is_plain() {
        let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ? ORDER BY position"
        ))
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .fetch_all(&mut *conn)
        .await
        .map_err(Error::cache)?;
        return rows.into_iter().map(summary_from_row).collect();
    }
    let matches = cache.search().matches(&mut conn, owner, company, filter).await?;
    let mut out = Vec::with_capacity(matches.len());
    for chunk in matches.chunks(500) {
        out.extend(by_rowids(&mut conn, None, chunk).await?.0);
    }
    Ok(out)
}

/// The rows with these rowids, in the order given (a slice of search matches, which may be
/// sorted by any column), and the labels `labelled`'s owner keeps for them in its company.
async fn by_rowids(
    conn: &mut SqliteConnection,
    labelled: Option<(&Owner, i64)>,
    rowids: &[i64],
) -> Result<(Vec<NumberSummary>, HashMap<String, Label>)> {
    if rowids.is_empty() {
        return Ok((Vec::new(), HashMap::new()));
    }
    // One bind: the rowids as a JSON array; each row carries its place in it.
    let ids = serde_json::to_string(rowids).expect("integers serialize");
    let labels = if labelled.is_some() { labels::of_window_sql("w") } else { "SELECT '[]'".to_string() };
    let (owner, company) = labelled.unzip();
    let (rows, labels): (String, String) = sqlx::query_as(&format!(
        "WITH w AS (SELECT j.key AS k, {SUMMARY_COLUMNS} FROM json_each(?4) AS j JOIN numbers ON numbers.rowid = j.value)
         SELECT (SELECT json_group_array(json_array(k, json_array({SUMMARY_COLUMNS}))) FROM w), ({labels})"
    ))
    .bind(owner.map(|o| &o.portal))
    .bind(owner.map(|o| &o.admin))
    .bind(company)
    .bind(ids)
    .fetch_one(&mut *conn)
    .await
    .map_err(Error::cache)?;
    Ok((decode_rows(&rows)?, labels::decode(&labels)?))
}

/// Rows as `[place, [SUMMARY_COLUMNS…]]`, put in the order of their places (SQL promises no
/// order for an aggregate's rows).
fn decode_rows(json: &str) -> Result<Vec<NumberSummary>> {
    let mut rows: Vec<(i64, SummaryRow)> = serde_json::from_str(json).map_err(|e| Error::cache(e.to_string()))?;
    if !rows.is_sorted_by_key(|r| r.0) {
        rows.sort_by_key(|r| r.0);
    }
    rows.into_iter().map(|(_, r)| summary_from_row(r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NumberState, PaymentMethod};
    use crate::cache::number_load::replace_company;
    use crate::cache::numbers::{NumberOrder, SortColumn};
    use crate::cache::Cache;
    use crate::domain::Tiyn;
    use chrono::{TimeZone, Utc};

    fn number(msisdn: &str, balance: i64) -> NumberSummary {
        let at = Utc.with_ymd_and_hms(2020, 2, 18, 10, 3, 0).unwrap();
        NumberSummary {
            msisdn: msisdn.into(),
            account: "25060854".into(),
            tariff: "Kcell".into(),
            payment_method: PaymentMethod::Credit,
            state: NumberState::Active,
            state_changed_at: at,
            individual_limit: if balance > 0 { Some(Tiyn(balance)) } else { None },
            available_funds: None,
            credit_limit: Tiyn(0),
            balance: Tiyn(balance),
            debt: Tiyn(0),
            updated_at: at,
        }
    }

    #[tokio::test]
    async fn a_window_has_its_rows_in_list_order_and_only_their_labels_and_only_the_owners() {
        let cache = Cache::in_memory().await.unwrap();
        let (me, other) = (Owner::new("p", "77010016515"), Owner::new("p", "77010000000"));
        let mut rows: Vec<NumberSummary> =
            (0..6).map(|i| number(&format!("7701000000{i}"), [500, -3, 70, 0, 9_000, 12][i])).collect();
        for owner in [&me, &other] {
            let mut tx = cache.pool().begin().await.unwrap();
            replace_company(&mut tx, owner, 1, &mut rows, Utc::now()).await.unwrap();
            tx.commit().await.unwrap();
        }
        let label = |employee: &str| Label { employee: employee.into(), ..Label::default() };
        let mut conn = cache.pool().acquire().await.unwrap();
        for (owner, msisdn, employee) in
            [(&me, "77010000001", "Asel"), (&me, "77010000004", "Dana"), (&other, "77010000002", "Not mine")]
        {
            labels::put(&mut conn, owner, 1, msisdn, &label(employee), Utc::now()).await.unwrap();
        }
        drop(conn);
        let employees = |w: &NumberWindow| {
            let mut e: Vec<(String, String)> = w.labels.iter().map(|(m, l)| (m.clone(), l.employee.clone())).collect();
            e.sort();
            e
        };
        let msisdns = |w: &NumberWindow| w.rows.iter().map(|n| n.msisdn.clone()).collect::<Vec<_>>();

        let plain = window(&cache, &me, 1, &NumberFilter::default(), 1, 3).await.unwrap();
        assert_eq!(
            (plain.total, msisdns(&plain)),
            (6, vec!["77010000001".into(), "77010000002".into(), "77010000003".into()])
        );
        assert_eq!(plain.rows[0], rows[1], "every field");
        assert_eq!(employees(&plain), vec![("77010000001".into(), "Asel".into())]);

        let order = NumberOrder { column: SortColumn::Balance, descending: true };
        let sorted = window(&cache, &me, 1, &NumberFilter { order, ..Default::default() }, 0, 4).await.unwrap();
        let expected: Vec<String> =
            ["77010000004", "77010000000", "77010000002", "77010000005"].map(String::from).into();
        assert_eq!((sorted.total, msisdns(&sorted)), (6, expected));
        assert_eq!(employees(&sorted), vec![("77010000004".into(), "Dana".into())]);

        let found =
            window(&cache, &me, 1, &NumberFilter { text: "0002".into(), ..Default::default() }, 0, 10).await.unwrap();
        assert_eq!((found.total, msisdns(&found)), (1, vec!["77010000002".into()]));
        assert!(found.labels.is_empty(), "the other administrator's label is not mine: {:?}", found.labels);

        let empty = window(&cache, &me, 2, &NumberFilter::default(), 0, 10).await.unwrap();
        assert_eq!((empty.total, empty.rows.len(), empty.labels.len()), (0, 0, 0));
        let all = all(&cache, &me, 1, &NumberFilter { order, ..Default::default() }).await.unwrap();
        assert_eq!(all.len(), 6);
    }
}
