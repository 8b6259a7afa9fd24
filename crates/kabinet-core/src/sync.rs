//! Sync of a company's numbers list into the cache.
//!
//! The first sync of a company is full; later ones ask only for what changed since the portal
//! time of the previous sync (`updated_since`). Every page is fetched before anything is
//! written, and the write is one transaction, so a sync interrupted at any point (the portal
//! fails, the network drops, the app closes) leaves the cache exactly as it was.

use crate::api::NumberSummary;
use crate::cache::{numbers, sync_state, Cache, Owner};
use crate::client::PortalClient;
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Numbers per page: large pages keep a 100k-number sync to a few dozen requests.
pub const PAGE_SIZE: u32 = 5_000;

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
    pub synced_at: DateTime<Utc>,
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
    let since = if force_full { None } else { previous.map(|s| s.watermark) };
    let full = since.is_none();

    let mut items: Vec<NumberSummary> = Vec::with_capacity(if full { expected.unwrap_or(0) } else { 0 });
    let mut cursor: Option<String> = None;
    let mut server_time: Option<DateTime<Utc>> = None;
    loop {
        let page = client.numbers_page(company, cursor.as_deref(), PAGE_SIZE, since).await?;
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
    let mut tx = cache.pool().begin().await?;
    if full {
        numbers::replace_company(&mut tx, owner, company, &mut items, now).await?;
    } else {
        numbers::upsert(&mut tx, owner, company, &items, now).await?;
    }
    let watermark = server_time.expect("at least one page");
    sync_state::save(&mut *tx, owner, company, &sync_state::SyncState { watermark, synced_at: now }).await?;
    tx.commit().await?;
    if full || written > 0 {
        // Only a write changes what search sees; an empty incremental sync keeps the index.
        cache.search().invalidate(owner, company);
    }
    Ok(SyncReport { company_id: company, full, written, synced_at: now })
}
