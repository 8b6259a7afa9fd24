//! The preview of a bulk action: what will run and what is skipped, and why, decided in order
//! (the first reason wins): not a number, not in the company's cached list, a duplicate, the
//! shared state × action table on the cached state, then the portal's own checks in ONE
//! read-only request for all that is left. Kept as a `ready` run; a number's key is made when it
//! is first sent, not here.
//!
//! The portal's check is a help, not a condition: when the portal cannot be reached, or has no
//! such check (an older portal answers 404, or 405, for the route), the preview keeps what the
//! local rules decided and says which ([`PortalCheck`]); the portal still refuses a number
//! when the run sends it, and that number is then `failed` with the portal's reason.
//!
//! Fast at scale (10,000 of 100,000 in well under a second): the selection is read from the
//! cache in a few queries (the search index for a search, `json_each` for typed numbers), the
//! decisions are made in memory, and the run is written in one transaction of multi-row inserts.

use super::{action, pairs};
use super::{BulkRun, ItemState, PortalCheck, Selection};
use crate::action::Action;
use crate::api::{ActionCheckRequest, NumberState, BULK_MAX_NUMBERS};
use crate::cache::bulk::{self as table, NewItem, NewRun};
use crate::cache::numbers::NumberFilter;
use crate::cache::Owner;
use crate::domain::{Iccid, Phone};
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::rules::number_actions;
use crate::session::Session;
use chrono::Utc;
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// A number of the selection before the decision: the line as written, the number when it is
/// one, and its cached state when the company's list has it; for pairs, its line (from 1) and
/// its new SIM, read (`Ok`, the ICCID's digits) or not (`Err`, as written and why).
struct Candidate {
    written: String,
    msisdn: Option<String>,
    state: Option<NumberState>,
    pair: Option<Pair>,
}

struct Pair {
    line: usize,
    iccid: std::result::Result<String, (String, Error)>,
}

pub(super) async fn preview(
    session: &Session,
    company_id: i64,
    selection: &Selection,
    bulk_action: &Action,
) -> Result<BulkRun> {
    action::check(bulk_action)?;
    action::check_selection(bulk_action, selection)?;
    let owner = session.owner()?;
    let candidates = {
        let mut conn = session.cache.pool().acquire().await.map_err(crate::Error::cache)?;
        match selection {
            Selection::Numbers(lines) => typed(&mut conn, &owner, company_id, written(lines)).await?,
            Selection::Pairs(lines) => typed(&mut conn, &owner, company_id, paired(lines)).await?,
            Selection::Search(text) => searched(session, &mut conn, &owner, company_id, text).await?,
        }
    };
    if candidates.len() > BULK_MAX_NUMBERS {
        return Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            "selection",
            format!("At most {BULK_MAX_NUMBERS} numbers can be in one bulk action."),
        ));
    }
    let mut items = decide_locally(&candidates, bulk_action);
    drop(candidates);
    let portal_check = ask_portal(session, company_id, bulk_action, &mut items).await?;
    // No key yet: each number's Idempotency-Key is made when it is first sent (`run.rs`), so a
    // preview that is never run, or replaced, made none.
    let id = uuid::Uuid::new_v4().to_string();
    let run = NewRun { id: &id, company_id, action: bulk_action, portal_check, created_at: Utc::now() };
    table::insert(session.cache.pool(), &owner, &run, &items).await?;
    table::get(session.cache.pool(), &owner, &id)
        .await?
        .ok_or_else(|| Error::new(ErrorCode::Cache, "The bulk run just kept cannot be read back."))
}

/// Typed or file numbers: each line read as a phone number (blank lines ignored).
fn written(lines: &[String]) -> Vec<Candidate> {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|written| Candidate {
            written: written.to_string(),
            msisdn: Phone::parse(written).ok().map(|p| p.as_str().to_string()),
            state: None,
            pair: None,
        })
        .collect()
}

/// Pairs: each line's number read as a phone number and its ICCID by the protocol's rule (the
/// one a single SIM replacement checks), blank lines ignored (their lines still counted).
fn paired(lines: &[String]) -> Vec<Candidate> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let (number, iccid) = pairs::split(line);
            let iccid = match Iccid::parse(iccid) {
                Ok(read) => Ok(read.as_str().to_string()),
                Err(_) if iccid.is_empty() => Err((
                    String::new(),
                    Error::invalid_field(
                        ErrorCode::InvalidIccid,
                        "iccid",
                        "This line has no new SIM card number (ICCID).",
                    ),
                )),
                Err(e) => Err((iccid.to_string(), Error::from(e))),
            };
            Candidate {
                written: number.to_string(),
                msisdn: Phone::parse(number).ok().map(|p| p.as_str().to_string()),
                state: None,
                pair: Some(Pair { line: i + 1, iccid }),
            }
        })
        .collect()
}

/// Looks the numbers up in the company's cached list in one query.
async fn typed(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company_id: i64,
    mut out: Vec<Candidate>,
) -> Result<Vec<Candidate>> {
    if out.len() > BULK_MAX_NUMBERS {
        return Ok(out);
    }
    let numbers: Vec<&str> = out.iter().filter_map(|c| c.msisdn.as_deref()).collect();
    let mut states: HashMap<String, NumberState> = HashMap::with_capacity(numbers.len());
    for chunk in numbers.chunks(10_000) {
        let list = serde_json::to_string(chunk).expect("strings serialize");
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT msisdn, state FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ?
             AND msisdn IN (SELECT value FROM json_each(?))",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company_id)
        .bind(list)
        .fetch_all(&mut *conn)
        .await
        .map_err(crate::Error::cache)?;
        states.extend(rows.into_iter().map(|(m, s)| (m, NumberState::from_wire(&s))));
    }
    for c in &mut out {
        c.state = c.msisdn.as_ref().and_then(|m| states.get(m).cloned());
    }
    Ok(out)
}

/// The numbers list's search over the company's cached list (empty: the whole company), in the
/// list's order.
async fn searched(
    session: &Session,
    conn: &mut SqliteConnection,
    owner: &Owner,
    company_id: i64,
    text: &str,
) -> Result<Vec<Candidate>> {
    let filter = NumberFilter { text: text.to_string(), ..NumberFilter::default() };
    let rows: Vec<(String, String)> = if text.trim().is_empty() {
        sqlx::query_as(
            "SELECT msisdn, state FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ? ORDER BY position
             LIMIT ?",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company_id)
        .bind(BULK_MAX_NUMBERS as i64 + 1)
        .fetch_all(&mut *conn)
        .await.map_err(crate::Error::cache)?
    } else {
        let rowids = session.cache.search().matches(conn, owner, company_id, &filter).await?;
        let mut rows = Vec::with_capacity(rowids.len().min(BULK_MAX_NUMBERS + 1));
        for chunk in rowids.chunks(10_000).take(BULK_MAX_NUMBERS / 10_000 + 1) {
            let ids = serde_json::to_string(chunk).expect("integers serialize");
            let part: Vec<(String, String)> = sqlx::query_as(
                "SELECT msisdn, state FROM json_each(?) AS j JOIN numbers ON numbers.rowid = j.value ORDER BY j.key",
            )
            .bind(ids)
            .fetch_all(&mut *conn)
            .await
            .map_err(crate::Error::cache)?;
            rows.extend(part);
        }
        rows
    };
    Ok(rows
        .into_iter()
        .map(|(msisdn, state)| Candidate {
            written: msisdn.clone(),
            msisdn: Some(msisdn),
            state: Some(NumberState::from_wire(&state)),
            pair: None,
        })
        .collect())
}

fn skipped(msisdn: &str, code: ErrorCode, reason: Option<Reason>, message: &str) -> NewItem {
    NewItem {
        msisdn: msisdn.to_string(),
        state: ItemState::Skipped,
        key: None,
        iccid: None,
        code: Some(Error::new(code, "").code_str()),
        reason: reason.map(|r| r.as_str().to_string()),
        message: Some(message.to_string()),
    }
}

/// Everything the client knows without the portal, in order; the first reason wins. A pair's
/// refusal names its line (and the earlier line of a duplicate).
fn decide_locally(candidates: &[Candidate], bulk_action: &Action) -> Vec<NewItem> {
    let number_action = bulk_action.kind();
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(candidates.len());
    let mut seen_iccids: HashMap<&str, usize> = HashMap::new();
    candidates
        .iter()
        .map(|c| {
            let line = c.pair.as_ref().map(|p| p.line);
            let said = |message: &str| match line {
                Some(line) => format!("Line {line}: {message}"),
                None => message.to_string(),
            };
            let with_iccid = |mut item: NewItem| {
                item.iccid = c.pair.as_ref().and_then(|p| match &p.iccid {
                    Ok(iccid) => Some(iccid.clone()),
                    Err((written, _)) => (!written.is_empty()).then(|| written.clone()),
                });
                item
            };
            let Some(msisdn) = c.msisdn.as_deref() else {
                let message = said("This line is not a phone number.");
                return with_iccid(skipped(&c.written, ErrorCode::InvalidPhone, Some(Reason::InvalidNumber), &message));
            };
            if let Some(Pair { iccid: Err((_, why)), .. }) = &c.pair {
                return with_iccid(skipped(msisdn, why.code, why.reason.clone(), &said(&why.message)));
            }
            let Some(state) = &c.state else {
                let message = said("This number is not in the company's list.");
                return with_iccid(skipped(msisdn, ErrorCode::NotFound, Some(Reason::NotInCompany), &message));
            };
            let here = line.unwrap_or(0);
            if let Some(first) = seen.insert(msisdn, here) {
                seen.insert(msisdn, first);
                let message = match line {
                    Some(_) => said(&format!("This number is already on line {first}.")),
                    None => "This number is already earlier in the selection.".to_string(),
                };
                return with_iccid(skipped(msisdn, ErrorCode::InvalidInput, Some(Reason::Duplicate), &message));
            }
            if let Some(Pair { iccid: Ok(iccid), .. }) = &c.pair {
                if let Some(&first) = seen_iccids.get(iccid.as_str()) {
                    let message = said(&format!("This SIM card (ICCID) is already on line {first}."));
                    return with_iccid(skipped(
                        msisdn,
                        ErrorCode::InvalidIccid,
                        Some(Reason::DuplicateIccid),
                        &message,
                    ));
                }
                seen_iccids.insert(iccid, here);
            }
            if let Some((reason, message)) = number_actions::refusal(state, number_action) {
                return with_iccid(skipped(msisdn, ErrorCode::NotAllowedInState, Some(reason), &said(message)));
            }
            with_iccid(NewItem {
                msisdn: msisdn.to_string(),
                state: ItemState::ToRun,
                key: None,
                iccid: None,
                code: None,
                reason: None,
                message: None,
            })
        })
        .collect()
}

/// Whether an error of the check says the portal has no such route (an older portal): 404 or
/// 405 with no reason (a refusal of the check itself would give its rule). A service the
/// portal does not know is a bare 404 too: the run then records the portal's answer per number.
fn check_not_offered(e: &Error) -> bool {
    matches!(e.code, ErrorCode::NotFound | ErrorCode::MethodNotAllowed) && e.reason.is_none()
}

/// Asks the portal about every number still to run, in one request, and skips what it would
/// refuse with its error. Whether it was asked: offline (unreachable, timeout) it was not, nor
/// on a portal without the check, and the run says which; any other failure of the check is the
/// preview's error.
async fn ask_portal(
    session: &Session,
    company_id: i64,
    bulk_action: &Action,
    items: &mut [NewItem],
) -> Result<PortalCheck> {
    let asked: Vec<usize> = (0..items.len()).filter(|&i| items[i].state == ItemState::ToRun).collect();
    if asked.is_empty() {
        return Ok(PortalCheck::Checked);
    }
    let request = ActionCheckRequest {
        action: bulk_action.clone(),
        numbers: asked.iter().map(|&i| items[i].msisdn.clone()).collect(),
        iccids: asked.iter().filter_map(|&i| items[i].iccid.clone()).collect(),
    };
    let answer = match session.check(session.client.check_actions(company_id, &request).await) {
        Ok(answer) => answer,
        Err(e) if e.is_unreachable() => return Ok(PortalCheck::Unreachable),
        Err(e) if check_not_offered(&e) => {
            tracing::info!(code = %e.code_str(), "the portal has no bulk check; the local rules only");
            return Ok(PortalCheck::NotOffered);
        }
        Err(e) => return Err(e),
    };
    drop(request);
    if answer.results.len() != asked.len() {
        return Err(Error::new(
            ErrorCode::InvalidResponse,
            format!("The portal checked {} numbers of the {} asked.", answer.results.len(), asked.len()),
        ));
    }
    for (&i, result) in asked.iter().zip(answer.results) {
        if result.msisdn != items[i].msisdn {
            return Err(Error::new(
                ErrorCode::InvalidResponse,
                "The portal's check answered another number than asked.",
            ));
        }
        if let Some(e) = result.error {
            let item = &mut items[i];
            item.state = ItemState::Skipped;
            item.code = Some(e.code_str());
            item.reason = e.reason.map(|r| r.as_str().to_string());
            item.message = Some(e.message);
        }
    }
    Ok(PortalCheck::Checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_404_or_405_is_a_portal_without_the_check_and_a_refusal_with_its_rule_is_not() {
        assert!(check_not_offered(&Error::new(ErrorCode::NotFound, "Not found.")));
        assert!(check_not_offered(&Error::new(ErrorCode::MethodNotAllowed, "POST is not allowed.")));
        assert!(!check_not_offered(&Error::new(ErrorCode::NotFound, "").with_reason(Reason::NotInCompany)));
        assert!(!check_not_offered(&Error::new(ErrorCode::Internal, "")));
        assert!(!check_not_offered(&Error::new(ErrorCode::SessionExpired, "")));
    }
}
