//! Sync of a company's numbers list into the cache.
//!
//! The first sync of a company is full; later ones ask only for what changed since the portal
//! time of the previous sync (`updated_since`). Every page is fetched before anything is
//! written, and the write is one transaction, so a sync interrupted at any point (the portal
//! fails, the network drops, the app closes) leaves the cache exactly as it was.
//!
//! Nothing in a page is trusted before it is checked: a page longer than asked, a number that
//! is not 11 digits, or a cursor that does not move is an `invalid_response` naming the field,
//! and the company's count only hints the buffer's size (capped), so a broken count can
//! neither panic nor allocate gigabytes.

use crate::api::{NumberPage, NumberSummary};
use crate::cache::{changes as kept_changes, numbers, sync_state, Cache, Owner};
use crate::client::PortalClient;
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Numbers per page: large pages keep a 100k-number sync to a few dozen requests.
pub const PAGE_SIZE: u32 = 5_000;

/// The most numbers reserved up front from the company's count; a larger list grows as it comes.
const MAX_RESERVED: usize = 200_000;

/// Reported after every page.
#[derive(Debug, Clone, Serialize)]
pub struct SyncProgress {
    pub company_id: i64,
    pub full: bool,
    pub fetched: usize,
    /// How many numbers a full sync expects (the company's count), when known.
    pub expected: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyncReport {
    pub company_id: i64,
    pub full: bool,
    /// Numbers written: all of them for a full sync, the changed ones otherwise.
    pub written: usize,
    /// Changes found against the list as it was (`changes/detect.rs`); none on a company's first sync.
    pub changes: usize,
    pub synced_at: DateTime<Utc>,
    /// The charges step after the sync (`Account::sync_with_charges`); `None` when it did not run
    /// with it (the window runs it behind the sync).
    pub charges: Option<ChargesRefresh>,
}

/// The charges months fetched after a sync (`Spend::refresh`): the months new to the cache, or
/// why the step failed (which never fails the sync itself: the numbers are written by then).
#[derive(Debug, Clone, Serialize)]
pub struct ChargesRefresh {
    pub months: Vec<crate::rules::document_months::YearMonth>,
    pub error: Option<Error>,
}

/// Brings the cached list of `company`, as `owner` (portal and administrator) sees it, up to date.
pub async fn sync_company(
    client: &PortalClient,
    cache: &Cache,
    owner: &Owner,
    company: i64,
    expected: Option<usize>,
    force_full: bool,
    progress: &(dyn Fn(SyncProgress) + Send + Sync),
) -> Result<SyncReport> {
    let previous = sync_state::load(cache.pool(), owner, company).await?;
    let since = if force_full { None } else { previous.as_ref().map(|s| s.watermark) };
    let full = since.is_none();

    let reserve = if full { expected.unwrap_or(0).min(MAX_RESERVED) } else { 0 };
    let mut items: Vec<NumberSummary> = Vec::with_capacity(reserve);
    let mut cursor: Option<String> = None;
    let mut server_time: Option<DateTime<Utc>> = None;
    loop {
        let page = client.numbers_page(company, cursor.as_deref(), PAGE_SIZE, since).await?;
        check_page(&page, cursor.as_deref(), items.len())?;
        server_time.get_or_insert(page.server_time);
        items.extend(page.items);
        progress(SyncProgress { company_id: company, full, fetched: items.len(), expected: expected.filter(|_| full) });
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }

    let now = Utc::now();
    let written = items.len();
    let mut tx = cache.pool().begin().await.map_err(crate::Error::cache)?;
    // What changed is found against the list as it was, in the same transaction as the write,
    // so a sync that fails records nothing; a company's first sync is the baseline.
    let before = match previous {
        None => None,
        Some(_) if full => Some(kept_changes::snapshot(&mut tx, owner, company, None).await?),
        Some(_) => {
            let msisdns: Vec<&str> = items.iter().map(|n| n.msisdn.as_str()).collect();
            Some(kept_changes::snapshot(&mut tx, owner, company, Some(&msisdns)).await?)
        }
    };
    if full {
        numbers::replace_company(&mut tx, owner, company, &mut items, now).await?;
    } else {
        numbers::upsert(&mut tx, owner, company, &items, now).await?;
    }
    let changes = match before {
        Some(before) => crate::changes::record(&mut tx, owner, company, &before, &items, full, now).await?,
        None => 0,
    };
    let watermark = server_time.expect("at least one page");
    sync_state::save(&mut *tx, owner, company, &sync_state::SyncState { watermark, synced_at: now }).await?;
    tx.commit().await.map_err(crate::Error::cache)?;
    if full {
        cache.search().invalidate(owner, company);
    } else if written > 0 {
        // The rows written are applied to the search index (no rebuild); an empty
        // incremental sync keeps it as it is.
        let msisdns: Vec<&str> = items.iter().map(|n| n.msisdn.as_str()).collect();
        cache.search().rows_changed(cache.pool(), owner, company, &msisdns).await;
    }
    Ok(SyncReport { company_id: company, full, written, changes, synced_at: now, charges: None })
}

/// The checks a page must pass before any of it is kept (see the module doc). `before` is how
/// many numbers earlier pages gave, so a bad item is named by its place in the whole list.
fn check_page(page: &NumberPage, cursor: Option<&str>, before: usize) -> Result<()> {
    let invalid = |what: String| Err(Error::new(ErrorCode::InvalidResponse, format!("The portal sent {what}.")));
    if page.items.len() > PAGE_SIZE as usize {
        return invalid(format!("{} numbers in `items` where at most {PAGE_SIZE} were asked for", page.items.len()));
    }
    if let Some((i, n)) = page.items.iter().enumerate().find(|(_, n)| !Phone::is_canonical(&n.msisdn)) {
        return invalid(format!("an invalid `items[{}].msisdn` ({:?}): a number has 11 digits", before + i, n.msisdn));
    }
    if page.next_cursor.is_some() && page.next_cursor.as_deref() == cursor {
        return invalid("the same `next_cursor` again: the list would never end".to_string());
    }
    Ok(())
}
