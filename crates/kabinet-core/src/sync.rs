//! Sync of a company's numbers list into the cache.
//!
//! The first sync of a company is full; later ones ask only for what changed since the portal
//! time of the previous sync (`updated_since`). The write is one transaction, committed only
//! after the last page arrived and was checked, so a sync interrupted at any point (the portal
//! fails, the network drops, the app is killed) leaves the cache exactly as it was.
//!
//! A full sync is a pipeline: a task of its own fetches and parses the pages ahead (two at
//! most) while this one writes the previous page into the open transaction, so at 100,000
//! numbers the portal's pages and the cache's writes take the two cores together instead of
//! one after the other. An incremental sync is small: its pages are fetched, then written.
//!
//! Nothing in a page is trusted before it is checked: a page longer than asked, a number that
//! is not 11 digits, or a cursor that does not move is an `invalid_response` naming the field,
//! and the company's count only hints the buffer's size (capped), so a broken count can
//! neither panic nor allocate gigabytes.

use crate::api::{NumberPage, NumberSummary};
use crate::cache::number_load::FullLoad;
use crate::cache::{changes as kept_changes, numbers, sync_state, Cache, Owner};
use crate::client::PortalClient;
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Numbers per page: large pages keep a 100k-number sync to a few dozen requests.
pub const PAGE_SIZE: u32 = 5_000;

/// The most numbers reserved up front from the company's count; a larger list grows as it comes.
const MAX_RESERVED: usize = 200_000;

/// Pages fetched ahead of the one being written (each up to [`PAGE_SIZE`] numbers).
const AHEAD: usize = 2;

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
    /// Where the time went (the bench prints it); not part of what the window is told.
    #[serde(skip)]
    pub phases: SyncPhases,
}

/// Where a sync's time went. `fetch` runs beside the others in a full sync (the pipeline), so
/// the phases add up to more than the sync's time; `waiting` is what the writer spent waiting
/// for pages.
#[derive(Debug, Clone, Default)]
pub struct SyncPhases {
    /// Requesting, receiving and parsing the pages (summed over pages).
    pub fetch: Duration,
    /// The writer waiting for the next page.
    pub waiting: Duration,
    /// Writing the rows (the deletion of the old list included).
    pub write: Duration,
    /// What changed against the list as it was: the snapshot before and the changes after.
    pub changes: Duration,
    /// Positions renumbered (only when the portal's pages were not in number order).
    pub renumber: Duration,
    pub commit: Duration,
}

/// The charges months fetched after a sync (`Spend::refresh`): the months new to the cache, or
/// why the step failed (which never fails the sync itself: the numbers are written by then).
#[derive(Debug, Clone, Serialize)]
pub struct ChargesRefresh {
    pub months: Vec<crate::rules::document_months::YearMonth>,
    pub error: Option<Error>,
}

/// A page as the fetching task hands it over, checked, with how long it took.
struct Fetched {
    page: NumberPage,
    took: Duration,
}

/// Ends the fetching task when the sync ends early (an error, or the sync's future dropped).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Fetches the pages of one listing in order, each checked, and hands them over until the last
/// one, the first error, or the receiver is gone.
async fn fetch_pages(
    client: PortalClient,
    company: i64,
    since: Option<DateTime<Utc>>,
    pages: mpsc::Sender<Result<Fetched>>,
) {
    let mut cursor: Option<String> = None;
    let mut before = 0;
    loop {
        let started = Instant::now();
        let result = client
            .numbers_page(company, cursor.as_deref(), PAGE_SIZE, since)
            .await
            .and_then(|page| check_page(&page, cursor.as_deref(), before).map(|()| page));
        let next = match &result {
            Ok(page) => {
                before += page.items.len();
                page.next_cursor.clone()
            }
            Err(_) => None,
        };
        if pages.send(result.map(|page| Fetched { page, took: started.elapsed() })).await.is_err() {
            return;
        }
        match next {
            Some(next) => cursor = Some(next),
            None => return,
        }
    }
}

/// The next page from the fetching task, its times added to `phases`.
async fn next_page(pages: &mut mpsc::Receiver<Result<Fetched>>, phases: &mut SyncPhases) -> Result<NumberPage> {
    let started = Instant::now();
    let fetched = pages.recv().await.ok_or_else(|| {
        Error::new(ErrorCode::Internal, "The numbers list stopped before its last page.".to_string())
    })??;
    phases.waiting += started.elapsed();
    phases.fetch += fetched.took;
    Ok(fetched.page)
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
    let mut phases = SyncPhases::default();

    let (sender, mut pages) = mpsc::channel(AHEAD);
    let _fetcher = AbortOnDrop(tokio::spawn(fetch_pages(client.clone(), company, since, sender)));
    let now = Utc::now();
    let mut items: Vec<NumberSummary> = Vec::new();
    let mut server_time: Option<DateTime<Utc>> = None;
    let mut written = 0;
    let mut tx;
    let before;
    if full {
        tx = cache.pool().begin().await.map_err(crate::Error::cache)?;
        // What changed is found against the list as it was, in the same transaction as the
        // write, so a sync that fails records nothing; a company's first sync is the baseline,
        // and only then are the pages dropped once written.
        let started = Instant::now();
        before = match previous {
            None => None,
            Some(_) => Some(kept_changes::snapshot(&mut tx, owner, company, None).await?),
        };
        phases.changes += started.elapsed();
        if before.is_some() {
            items.reserve(expected.unwrap_or(0).min(MAX_RESERVED));
        }
        let started = Instant::now();
        let mut load = FullLoad::begin(&mut tx, owner, company, now).await?;
        phases.write += started.elapsed();
        let fed: Result<()> = async {
            loop {
                let page = next_page(&mut pages, &mut phases).await?;
                server_time.get_or_insert(page.server_time);
                let started = Instant::now();
                load.write(&mut tx, &page.items).await?;
                phases.write += started.elapsed();
                written += page.items.len();
                progress(SyncProgress { company_id: company, full, fetched: written, expected });
                let last = page.next_cursor.is_none();
                if before.is_some() {
                    items.extend(page.items);
                }
                if last {
                    break;
                }
            }
            Ok(())
        }
        .await;
        if let Err(e) = fed {
            load.abandon(&mut tx).await;
            return Err(e);
        }
        let started = Instant::now();
        load.finish(&mut tx).await?;
        phases.renumber += started.elapsed();
    } else {
        loop {
            let page = next_page(&mut pages, &mut phases).await?;
            server_time.get_or_insert(page.server_time);
            let last = page.next_cursor.is_none();
            items.extend(page.items);
            progress(SyncProgress { company_id: company, full, fetched: items.len(), expected: None });
            if last {
                break;
            }
        }
        written = items.len();
        tx = cache.pool().begin().await.map_err(crate::Error::cache)?;
        let started = Instant::now();
        let msisdns: Vec<&str> = items.iter().map(|n| n.msisdn.as_str()).collect();
        before = Some(kept_changes::snapshot(&mut tx, owner, company, Some(&msisdns)).await?);
        phases.changes += started.elapsed();
        let started = Instant::now();
        numbers::upsert(&mut tx, owner, company, &items, now).await?;
        phases.write += started.elapsed();
    }
    let started = Instant::now();
    let changes = match before {
        Some(before) => crate::changes::record(&mut tx, owner, company, &before, &items, full, now).await?,
        None => 0,
    };
    phases.changes += started.elapsed();
    let watermark =
        server_time.ok_or_else(|| Error::new(ErrorCode::Internal, "No page of numbers came.".to_string()))?;
    sync_state::save(&mut *tx, owner, company, &sync_state::SyncState { watermark, synced_at: now }).await?;
    let started = Instant::now();
    tx.commit().await.map_err(crate::Error::cache)?;
    phases.commit += started.elapsed();
    if full {
        cache.search().invalidate(owner, company);
    } else if written > 0 {
        // The rows written are applied to the search index (no rebuild); an empty
        // incremental sync keeps it as it is.
        let msisdns: Vec<&str> = items.iter().map(|n| n.msisdn.as_str()).collect();
        cache.search().rows_changed(cache.pool(), owner, company, &msisdns).await;
    }
    Ok(SyncReport { company_id: company, full, written, changes, synced_at: now, charges: None, phases })
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
