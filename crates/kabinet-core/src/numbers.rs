//! Number management for the signed-in administrator: the list (from the cache, in windows),
//! sync, the number profile, PIN/PUK, allowances, services and usage. Reads go to the portal and
//! fall back to the cache when it cannot be reached; changes need the portal and refresh the
//! cache from its answer.

use crate::account::Account;
use crate::api::*;
use crate::cache::cards::{self, Part};
use crate::cache::numbers::{self as cached, NumberFilter, NumberWindow};
use crate::cache::{sync_state, Cached};
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use crate::sync::{self, SyncProgress, SyncReport};
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The longest usage period the portal serves, in days.
pub const USAGE_MAX_DAYS: i64 = 93;

/// What the list screen needs besides rows: when the list was synced, and its tariffs.
#[derive(Debug, Clone, Serialize)]
pub struct NumbersStatus {
    pub synced_at: Option<DateTime<Utc>>,
    pub tariffs: Vec<String>,
}

impl Account {
    /// Syncs a company's numbers list (full the first time or when asked, incremental after).
    pub async fn sync_numbers(
        &self,
        company: i64,
        force_full: bool,
        progress: &(dyn Fn(SyncProgress) + Send + Sync),
    ) -> Result<SyncReport> {
        self.signed_in_phone()?;
        let expected = self
            .companies_cached()
            .await?
            .and_then(|list| list.into_iter().find(|c| c.id == company))
            .map(|c| c.numbers_total as usize);
        let result =
            sync::sync_company(&self.client, &self.cache, &self.portal_key, company, expected, force_full, progress)
                .await;
        let report = self.check(result)?;
        // Build the search index now, in the background, rather than on the first keystroke:
        // after a sync that wrote rows (which dropped it), and after the first sync of a session
        // (nothing built it yet). A no-op when it is built.
        let (cache, portal) = (self.cache.clone(), self.portal_key.clone());
        tokio::spawn(async move {
            if let Ok(mut conn) = cache.pool().acquire().await {
                let _ = cache.search().prepare(&mut conn, &portal, company).await;
            }
        });
        Ok(report)
    }

    /// A window of the cached (filtered) list.
    pub async fn numbers_window(
        &self,
        company: i64,
        filter: &NumberFilter,
        offset: i64,
        limit: i64,
    ) -> Result<NumberWindow> {
        cached::window(&self.cache, &self.portal_key, company, filter, offset, limit).await
    }

    /// Every cached number of the (filtered) list, for exports.
    pub async fn numbers_all(&self, company: i64, filter: &NumberFilter) -> Result<Vec<NumberSummary>> {
        cached::all(&self.cache, &self.portal_key, company, filter).await
    }

    /// The file name of a numbers export: by the company's name as this administrator sees it
    /// (the cached one), made safe for every OS; by its id when it is not cached.
    pub async fn numbers_export_name(&self, company: i64, format: crate::export::ListFormat) -> Result<String> {
        let companies = self.companies_cached().await?.unwrap_or_default();
        let name = companies.iter().find(|c| c.id == company).map(|c| c.display_name.as_str()).unwrap_or_default();
        Ok(crate::export::numbers_file_name(name, company, chrono::Utc::now(), format))
    }

    pub async fn numbers_status(&self, company: i64) -> Result<NumbersStatus> {
        let synced_at = sync_state::load(self.cache.pool(), &self.portal_key, company).await?.map(|s| s.synced_at);
        let mut conn = self.cache.pool().acquire().await?;
        let tariffs = cached::tariffs(&mut conn, &self.portal_key, company).await?;
        Ok(NumbersStatus { synced_at, tariffs })
    }

    /// Portal first; on `portal_unreachable`, the cached part (if any) marked offline.
    async fn read_through<T: Serialize + DeserializeOwned>(
        &self,
        msisdn: &Phone,
        part: Part,
        fetched: Result<T>,
    ) -> Result<Cached<T>> {
        match self.check(fetched) {
            Ok(data) => {
                let now = Utc::now();
                cards::save(self.cache.pool(), &self.portal_key, msisdn.as_str(), part, &data, now).await?;
                Ok(Cached { data, fetched_at: now, offline: false })
            }
            Err(e) if e.is_unreachable() => {
                match cards::load(self.cache.pool(), &self.portal_key, msisdn.as_str(), part).await? {
                    Some((data, fetched_at)) => Ok(Cached { data, fetched_at, offline: true }),
                    None => Err(Error::new(
                        e.code,
                        "The portal cannot be reached, and this has not been opened before, so nothing is cached.",
                    )),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Keeps the list row of a number in step with a fresher summary from the portal. An
    /// unchanged row is not written; a change search does not see (money, dates) keeps the
    /// search index and drops only its sorted orders, so opening a number does not make the next
    /// search rebuild the index.
    async fn refresh_row(&self, summary: &NumberSummary) -> Result<()> {
        let mut conn = self.cache.pool().acquire().await?;
        let Some((company, before, _)) = cached::get(&mut conn, &self.portal_key, &summary.msisdn).await? else {
            return Ok(());
        };
        drop(conn);
        if before == *summary {
            return Ok(());
        }
        let mut tx = self.cache.pool().begin().await?;
        let new = cached::upsert(&mut tx, &self.portal_key, company, std::slice::from_ref(summary), Utc::now()).await?;
        tx.commit().await?;
        if new == 0 {
            self.cache.search().row_updated(&self.portal_key, company, &before, summary);
        } else {
            self.cache.search().invalidate(&self.portal_key, company);
        }
        Ok(())
    }

    pub async fn number(&self, msisdn: &str) -> Result<Cached<NumberDetail>> {
        let msisdn = Phone::parse(msisdn)?;
        self.signed_in_phone()?;
        let fetched = self.client.number(&msisdn).await;
        let detail = self.read_through(&msisdn, Part::Detail, fetched).await?;
        if !detail.offline {
            self.refresh_row(&detail.data.summary).await?;
        }
        Ok(detail)
    }

    /// PIN and PUK: from the portal only, never cached.
    pub async fn sim_secrets(&self, msisdn: &str) -> Result<SimSecrets> {
        let msisdn = Phone::parse(msisdn)?;
        self.signed_in_phone()?;
        self.check(self.client.sim_secrets(&msisdn).await)
    }

    pub async fn allowances(&self, msisdn: &str) -> Result<Cached<Allowances>> {
        let msisdn = Phone::parse(msisdn)?;
        self.signed_in_phone()?;
        let fetched = self.client.allowances(&msisdn).await;
        self.read_through(&msisdn, Part::Allowances, fetched).await
    }

    pub async fn services(&self, msisdn: &str) -> Result<Cached<NumberServices>> {
        let msisdn = Phone::parse(msisdn)?;
        self.signed_in_phone()?;
        let fetched = self.client.services(&msisdn).await;
        self.read_through(&msisdn, Part::Services, fetched).await
    }

    /// Enables (`enable`) or disables a service, and caches the portal's answer.
    pub async fn set_service(&self, msisdn: &str, service_id: &str, enable: bool) -> Result<ServiceChange> {
        let msisdn = Phone::parse(msisdn)?;
        self.signed_in_phone()?;
        let change = if enable {
            self.client.enable_service(&msisdn, service_id).await
        } else {
            self.client.disable_service(&msisdn, service_id).await
        };
        let change = self.check(change)?;
        let now = Utc::now();
        cards::save(self.cache.pool(), &self.portal_key, msisdn.as_str(), Part::Services, &change.services, now)
            .await?;
        self.refresh_row(&change.number).await?;
        // The profile's figures changed: refresh its cached copy too.
        if let Some((mut detail, _)) =
            cards::load::<NumberDetail>(self.cache.pool(), &self.portal_key, msisdn.as_str(), Part::Detail).await?
        {
            detail.summary = change.number.clone();
            cards::save(self.cache.pool(), &self.portal_key, msisdn.as_str(), Part::Detail, &detail, now).await?;
        }
        Ok(change)
    }

    /// Blocks or unblocks a number. The portal answers with a request "in process"; the
    /// number's cached state follows from a fresh read of its profile.
    pub async fn set_blocked(&self, msisdn: &str, block: bool) -> Result<RequestRecord> {
        let phone = Phone::parse(msisdn)?;
        self.signed_in_phone()?;
        let request = self.check(self.client.set_blocked(&phone, block).await)?;
        // The request is accepted; failing to re-read the profile must not make it look refused
        // (a retry would then ask twice). The screen reads the number again anyway.
        if let Err(e) = self.number(msisdn).await {
            tracing::warn!(code = %e.code_str(), "number not re-read after a block request: {}", e.message);
        }
        Ok(request)
    }

    /// The usage report of a period (whole days, at most 93, not in the future).
    pub async fn usage(
        &self,
        msisdn: &str,
        from: NaiveDate,
        to: NaiveDate,
        kind: UsageKind,
    ) -> Result<Cached<UsageReport>> {
        let msisdn = Phone::parse(msisdn)?;
        self.signed_in_phone()?;
        check_usage_period(from, to, Utc::now())?;
        let fetched = self.client.usage(&msisdn, from, to, kind).await;
        self.read_through(&msisdn, Part::Usage { from, to, kind }, fetched).await
    }
}

/// The usage period rule, checked before asking the portal.
pub fn check_usage_period(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let today = crate::kz::today(now);
    if from > to {
        return Err(Error::new(ErrorCode::InvalidInput, "The period must start before it ends."));
    }
    if from > today {
        return Err(Error::new(ErrorCode::InvalidInput, "The period cannot start in the future."));
    }
    if (to - from).num_days() + 1 > USAGE_MAX_DAYS {
        return Err(Error::new(ErrorCode::PeriodTooLong, format!("The period can be at most {USAGE_MAX_DAYS} days.")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn usage_period_rules() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(check_usage_period(d(2026, 10, 1), d(2026, 10, 31), now).is_ok());
        assert_eq!(check_usage_period(d(2026, 10, 31), d(2026, 10, 1), now).unwrap_err().code, ErrorCode::InvalidInput);
        assert_eq!(
            check_usage_period(d(2026, 11, 26), d(2026, 11, 27), now).unwrap_err().code,
            ErrorCode::InvalidInput
        );
        assert_eq!(check_usage_period(d(2026, 6, 1), d(2026, 10, 31), now).unwrap_err().code, ErrorCode::PeriodTooLong);
    }
}
