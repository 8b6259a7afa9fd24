//! The `number_labels` table (who uses each number, per administrator and company; local only)
//! and its undo log (`label_changes`, `label_change_rows`): see migration 0010.

use super::Owner;
use crate::error::Result;
use crate::number_label::{CostCentre, Label};
use chrono::{DateTime, Utc};
use sqlx::{Sqlite, SqliteConnection, Transaction};
use std::collections::HashMap;

type Row = (String, String, String, String, String, String);

fn label_of((_, employee, department, code, name, tags): &Row) -> Label {
    Label {
        employee: employee.clone(),
        department: department.clone(),
        cost_centre: CostCentre { code: code.clone(), name: name.clone() },
        tags: serde_json::from_str(tags).unwrap_or_default(),
    }
}

const COLUMNS: &str = "msisdn, employee, department, cost_centre_code, cost_centre_name, tags";

/// One number's label, if it has one.
pub async fn get(conn: &mut SqliteConnection, owner: &Owner, company: i64, msisdn: &str) -> Result<Option<Label>> {
    Ok(select(conn, owner, company, Some(&[msisdn])).await?.remove(msisdn))
}

/// Every label of a company, by number.
pub async fn of_company(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<HashMap<String, Label>> {
    select(conn, owner, company, None).await
}

/// The company's labels by number: all of them, or those of `msisdns`.
async fn select(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    msisdns: Option<&[&str]>,
) -> Result<HashMap<String, Label>> {
    let list = msisdns.map(serde_json::to_string).transpose().map_err(|e| crate::Error::cache(e.to_string()))?;
    // One JSON array SQLite builds: 100,000 labels as one value, not 100,000 rows through the
    // driver (a labels import reads them twice).
    let rows: String = sqlx::query_scalar(&format!(
        "SELECT json_group_array(json_array({COLUMNS})) FROM number_labels
         WHERE portal = ? AND admin_phone = ? AND company_id = ?
             AND (?4 IS NULL OR msisdn IN (SELECT value FROM json_each(?4)))"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(list)
    .fetch_one(conn)
    .await
    .map_err(crate::Error::cache)?;
    decode(&rows)
}

/// A query giving, as one JSON array [`decode`] reads, the labels of the numbers (`msisdn`) of
/// the table `window`, kept by the owner and company bound to `?1`, `?2` and `?3`.
pub(super) fn of_window_sql(window: &str) -> String {
    format!(
        "SELECT json_group_array(json_array({COLUMNS})) FROM number_labels
         WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 AND msisdn IN (SELECT msisdn FROM {window})"
    )
}

/// Labels as a JSON array of [`COLUMNS`], by number.
pub(super) fn decode(json: &str) -> Result<HashMap<String, Label>> {
    let rows: Vec<Row> = serde_json::from_str(json).map_err(|e| crate::Error::cache(e.to_string()))?;
    Ok(rows.iter().map(|r| (r.0.clone(), label_of(r))).collect())
}

/// Writes a number's label (an empty one removes it).
pub async fn put(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    msisdn: &str,
    label: &Label,
    now: DateTime<Utc>,
) -> Result<()> {
    if label.is_empty() {
        sqlx::query("DELETE FROM number_labels WHERE portal = ? AND admin_phone = ? AND company_id = ? AND msisdn = ?")
            .bind(&owner.portal)
            .bind(&owner.admin)
            .bind(company)
            .bind(msisdn)
            .execute(conn)
            .await
            .map_err(crate::Error::cache)?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO number_labels (portal, admin_phone, company_id, msisdn, employee, department,
             cost_centre_code, cost_centre_name, tags, search, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, company_id, msisdn) DO UPDATE SET employee = excluded.employee,
             department = excluded.department, cost_centre_code = excluded.cost_centre_code,
             cost_centre_name = excluded.cost_centre_name, tags = excluded.tags, search = excluded.search,
             updated_at = excluded.updated_at",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(msisdn)
    .bind(&label.employee)
    .bind(&label.department)
    .bind(&label.cost_centre.code)
    .bind(&label.cost_centre.name)
    .bind(serde_json::to_string(&label.tags).map_err(|e| crate::Error::cache(e.to_string()))?)
    .bind(label.search_text())
    .bind(now.to_rfc3339())
    .execute(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}

/// `value` as JSON text.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| crate::Error::cache(e.to_string()))
}

/// One change of the undo log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub id: i64,
    /// `import` or `edit`.
    pub kind: String,
    /// The imported file's name; empty for an edit.
    pub source: String,
    pub numbers: i64,
    pub applied_at: String,
    pub undone_at: Option<String>,
}

/// Writes `labels` (number → new label) as one change of the log, in the caller's transaction:
/// each number's label before is kept for [`undo`]. Returns the change's id.
pub async fn apply(
    tx: &mut Transaction<'_, Sqlite>,
    owner: &Owner,
    company: i64,
    kind: &str,
    source: &str,
    labels: &[(String, Label)],
    now: DateTime<Utc>,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO label_changes (portal, admin_phone, company_id, kind, source, numbers, applied_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(kind)
    .bind(source)
    .bind(labels.len() as i64)
    .bind(now.to_rfc3339())
    .fetch_one(&mut **tx)
    .await
    .map_err(crate::Error::cache)?;
    // Spend's views by cost centre and department were added up with the labels as they were.
    super::spend_totals::forget_views(tx, owner, company).await?;
    // The undo log: each number's label before, as SQLite holds it, copied by one INSERT ...
    // SELECT per 5,000 numbers (no label read into Rust and written back: for 100,000 numbers
    // that was a third of the apply). `before_json` is the label as serde writes it (`Label`),
    // NULL when the number had none.
    let msisdns: Vec<&str> = labels.iter().map(|(m, _)| m.as_str()).collect();
    for chunk in msisdns.chunks(5_000) {
        sqlx::query(
            "INSERT INTO label_change_rows (change_id, msisdn, before_json)
             SELECT ?1, j.value, CASE WHEN l.msisdn IS NULL THEN NULL ELSE json_object('employee', l.employee,
                 'department', l.department, 'cost_centre',
                 json_object('code', l.cost_centre_code, 'name', l.cost_centre_name), 'tags', json(l.tags)) END
             FROM json_each(?5) j LEFT JOIN number_labels l ON l.portal = ?2 AND l.admin_phone = ?3
                 AND l.company_id = ?4 AND l.msisdn = j.value",
        )
        .bind(id)
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(json(chunk)?)
        .execute(&mut **tx)
        .await
        .map_err(crate::Error::cache)?;
    }
    // The writes as JSON arrays through `json_each` (one statement per 5,000 numbers): a
    // statement per number took 4 s for 100,000.
    let gone: Vec<&str> = labels.iter().filter(|(_, l)| l.is_empty()).map(|(m, _)| m.as_str()).collect();
    for chunk in gone.chunks(5_000) {
        sqlx::query(
            "DELETE FROM number_labels WHERE portal = ? AND admin_phone = ? AND company_id = ?
             AND msisdn IN (SELECT value FROM json_each(?))",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(json(&chunk)?)
        .execute(&mut **tx)
        .await
        .map_err(crate::Error::cache)?;
    }
    let mut set: Vec<(&str, &str, &str, &str, &str, String, String)> = Vec::new();
    for (msisdn, l) in labels.iter().filter(|(_, l)| !l.is_empty()) {
        let tags = json(&l.tags)?;
        set.push((msisdn, &l.employee, &l.department, &l.cost_centre.code, &l.cost_centre.name, tags, l.search_text()));
    }
    let now = now.to_rfc3339();
    for chunk in set.chunks(5_000) {
        // `WHERE true`: SQLite's parser needs it before an upsert's ON CONFLICT after a SELECT.
        sqlx::query(
            "INSERT INTO number_labels (portal, admin_phone, company_id, msisdn, employee, department,
                 cost_centre_code, cost_centre_name, tags, search, updated_at)
             SELECT ?, ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
                 value ->> 6, ? FROM json_each(?) WHERE true
             ON CONFLICT (portal, admin_phone, company_id, msisdn) DO UPDATE SET employee = excluded.employee,
                 department = excluded.department, cost_centre_code = excluded.cost_centre_code,
                 cost_centre_name = excluded.cost_centre_name, tags = excluded.tags, search = excluded.search,
                 updated_at = excluded.updated_at",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(&now)
        .bind(json(&chunk)?)
        .execute(&mut **tx)
        .await
        .map_err(crate::Error::cache)?;
    }
    Ok(id)
}

/// The latest change not yet undone, if any: the one [`undo`] takes back.
pub async fn last_change(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<Option<Change>> {
    let row: Option<(i64, String, String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, kind, source, numbers, applied_at, undone_at FROM label_changes
         WHERE portal = ? AND admin_phone = ? AND company_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_optional(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(row.map(|(id, kind, source, numbers, applied_at, undone_at)| Change {
        id,
        kind,
        source,
        numbers,
        applied_at,
        undone_at,
    }))
}

/// Whether the company ever had a label or a change of labels (undone ones count too).
pub async fn ever_labelled(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM label_changes WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3)
             OR EXISTS (SELECT 1 FROM number_labels WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3)",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_one(conn)
    .await
    .map_err(crate::Error::cache)
}

/// Restores every number of change `id` to its label before it, and marks the change undone, in
/// the caller's transaction. Returns how many numbers were restored.
pub async fn undo(
    tx: &mut Transaction<'_, Sqlite>,
    owner: &Owner,
    company: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT msisdn, before_json FROM label_change_rows WHERE change_id = ?")
            .bind(id)
            .fetch_all(&mut **tx)
            .await
            .map_err(crate::Error::cache)?;
    super::spend_totals::forget_views(tx, owner, company).await?;
    for (msisdn, before) in &rows {
        let label = match before {
            Some(json) => serde_json::from_str(json).map_err(|e| crate::Error::cache(e.to_string()))?,
            None => Label::default(),
        };
        put(tx, owner, company, msisdn, &label, now).await?;
    }
    sqlx::query("UPDATE label_changes SET undone_at = ? WHERE id = ?")
        .bind(now.to_rfc3339())
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(crate::Error::cache)?;
    Ok(rows.len() as u64)
}

/// What the company's labels are at: how many, and the latest write (every write sets
/// `updated_at` to its moment; a removal changes the count). A kept import plan holds while it
/// is the same (`labels::kept::KeptPlan`).
pub async fn version(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<(i64, Option<String>)> {
    sqlx::query_as(
        "SELECT COUNT(*), MAX(updated_at) FROM number_labels WHERE portal = ? AND admin_phone = ? AND company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_one(conn)
    .await
    .map_err(crate::Error::cache)
}

/// Whether every one of `msisdns` (distinct) is in the company's cached list.
pub async fn all_in_company(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    msisdns: &[&str],
) -> Result<bool> {
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ?
         AND msisdn IN (SELECT value FROM json_each(?))",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(json(msisdns)?)
    .fetch_one(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(found == msisdns.len() as i64)
}

/// The numbers of a company's cached list: the ones a label may be given to.
pub async fn company_numbers(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
) -> Result<std::collections::HashSet<String>> {
    let rows: String = sqlx::query_scalar(
        "SELECT json_group_array(msisdn) FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_one(conn)
    .await
    .map_err(crate::Error::cache)?;
    serde_json::from_str(&rows).map_err(|e| crate::Error::cache(e.to_string()))
}

/// The rowids (in `numbers`) of a company's numbers whose label has the filter's department,
/// cost centre (by code) and tag; `None` when the filter asks for none of them.
pub async fn filtered_rowids(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    filter: &super::number_filter::NumberFilter,
) -> Result<Option<std::collections::HashSet<i64>>> {
    if !filter.has_label_filter() {
        return Ok(None);
    }
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT n.rowid FROM number_labels l JOIN numbers n ON n.portal = l.portal
             AND n.admin_phone = l.admin_phone AND n.company_id = l.company_id AND n.msisdn = l.msisdn
         WHERE l.portal = ? AND l.admin_phone = ? AND l.company_id = ?
           AND (?4 IS NULL OR l.department = ?4)
           AND (?5 IS NULL OR l.cost_centre_code = ?5)
           AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_each(l.tags) WHERE json_each.value = ?6))",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(&filter.department)
    .bind(&filter.cost_centre)
    .bind(&filter.tag)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(Some(rows.into_iter().collect()))
}
