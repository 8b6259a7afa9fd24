//! Who uses each number (employee, department, cost centre, tags), as a handle on the account
//! (`account.labels()`): read and set for one number or a selection, the values already used
//! (to pick from), an import from XLSX or CSV previewed and then applied, and undo.
//!
//! Local only: labels are the company's own bookkeeping and are never sent to the portal. Like
//! every cached row they are kept per portal, administrator and company (`cache/labels.rs`), so
//! they are readable offline and never shown to another administrator. Every write is one
//! transaction that also records what it replaced, so the latest change can be undone.

pub mod import;
pub(crate) mod kept;

use crate::cache::labels::{self as cached, Change};
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use crate::number_label::{CostCentre, Label};
use crate::session::Session;
use chrono::Utc;
use import::Plan;
use kept::{file_hash, KeptPlan};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// What an edit of several numbers changes: each value given replaces that value of every
/// number (empty text clears it); `None` leaves it as each number has it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LabelEdit {
    pub employee: Option<String>,
    pub department: Option<String>,
    pub cost_centre: Option<CostCentre>,
    /// Tags added to each number's own.
    pub add_tags: Vec<String>,
    /// Tags taken off each number (ignoring case).
    pub remove_tags: Vec<String>,
}

/// The values a company's labels already use, to pick from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LabelChoices {
    pub departments: Vec<String>,
    pub cost_centres: Vec<CostCentre>,
    pub tags: Vec<String>,
}

/// The labels of a signed-in account's numbers; get it with [`crate::account::Account::labels`].
#[derive(Clone, Copy)]
pub struct Labels<'a> {
    session: &'a Session,
}

impl<'a> Labels<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// A number's label (empty when it has none).
    pub async fn get(&self, company: i64, msisdn: &str) -> Result<Label> {
        let phone = Phone::parse(msisdn)?;
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        Ok(cached::get(&mut conn, &self.session.owner()?, company, phone.as_str()).await?.unwrap_or_default())
    }

    /// Every label of a company, by number.
    pub async fn of_company(&self, company: i64) -> Result<HashMap<String, Label>> {
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        cached::of_company(&mut conn, &self.session.owner()?, company).await
    }

    /// Sets one number's whole label (the profile's form). The values are checked first, naming
    /// the field; returns the change, which can be undone like any other.
    pub async fn set(&self, company: i64, msisdn: &str, label: Label) -> Result<Change> {
        let phone = Phone::parse(msisdn)?;
        let label = label.checked()?;
        self.write(company, "edit", "", |_| Ok(vec![(phone.as_str().to_string(), label)]), &[phone.as_str()]).await
    }

    /// Applies `edit` to each of `msisdns` (the list's selection) in one transaction. Returns the
    /// change, which can be undone.
    pub async fn edit(&self, company: i64, msisdns: &[String], edit: &LabelEdit) -> Result<Change> {
        if msisdns.is_empty() {
            return Err(Error::invalid_field(ErrorCode::InvalidInput, "numbers", "Select at least one number."));
        }
        let phones = msisdns.iter().map(|m| Phone::parse(m)).collect::<std::result::Result<Vec<_>, _>>()?;
        let phones: Vec<String> = phones.iter().map(|p| p.as_str().to_string()).collect();
        // Checked once up front, so a bad value is refused before anything is written.
        Label {
            employee: edit.employee.clone().unwrap_or_default(),
            department: edit.department.clone().unwrap_or_default(),
            cost_centre: edit.cost_centre.clone().unwrap_or_default(),
            tags: edit.add_tags.clone(),
        }
        .checked()?;
        let refs: Vec<&str> = phones.iter().map(String::as_str).collect();
        self.write(
            company,
            "edit",
            "",
            |current| {
                phones
                    .iter()
                    .map(|m| {
                        let mut l = current.get(m).cloned().unwrap_or_default();
                        if let Some(v) = &edit.employee {
                            l.employee = v.clone();
                        }
                        if let Some(v) = &edit.department {
                            l.department = v.clone();
                        }
                        if let Some(v) = &edit.cost_centre {
                            l.cost_centre = v.clone();
                        }
                        l.tags
                            .retain(|t| !edit.remove_tags.iter().any(|r| r.trim().to_lowercase() == t.to_lowercase()));
                        l.tags.extend(edit.add_tags.iter().cloned());
                        Ok((m.clone(), l.checked()?))
                    })
                    .collect()
            },
            &refs,
        )
        .await
    }

    /// The departments, cost centres and tags the company's labels use, sorted.
    pub async fn choices(&self, company: i64) -> Result<LabelChoices> {
        let labels = self.of_company(company).await?;
        let mut departments = BTreeSet::new();
        let mut cost_centres = BTreeSet::new();
        let mut tags = BTreeSet::new();
        for l in labels.values() {
            if !l.department.is_empty() {
                departments.insert(l.department.clone());
            }
            if !l.cost_centre.is_empty() {
                cost_centres.insert(l.cost_centre.clone());
            }
            tags.extend(l.tags.iter().cloned());
        }
        Ok(LabelChoices {
            departments: departments.into_iter().collect(),
            cost_centres: cost_centres.into_iter().collect(),
            tags: tags.into_iter().collect(),
        })
    }

    /// What importing `bytes` (an XLSX or CSV file) would do to the company's labels: read
    /// only, nothing is written. The plan is kept for its apply ([`kept::KeptPlan`]).
    pub async fn preview_import(&self, company: i64, bytes: &[u8]) -> Result<Plan> {
        let cells = read_cells(bytes)?;
        let owner = self.session.owner()?;
        // One read transaction: the numbers, the labels and their version as of one moment.
        let mut tx = self.session.cache.pool().begin().await.map_err(Error::cache)?;
        let numbers = cached::company_numbers(&mut tx, &owner, company).await?;
        if numbers.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "The company's numbers are not in the cache yet: open its list once (or sync) first.",
            ));
        }
        let labels = cached::of_company(&mut tx, &owner, company).await?;
        let version = cached::version(&mut tx, &owner, company).await?;
        tx.commit().await.map_err(Error::cache)?;
        let plan = import::plan(&cells, &numbers, &labels)?;
        let kept = KeptPlan {
            owner: (owner.portal.clone(), owner.admin.clone()),
            company,
            digest: plan.digest.clone(),
            file: file_hash(bytes),
            version,
            changes: plan.changes(),
        };
        *self.session.labels_plan.lock().map_err(|_| Error::cache("the kept labels plan is poisoned"))? = Some(kept);
        Ok(plan)
    }

    /// Applies the import previewed with `digest`, in one transaction: refused, with nothing
    /// written, when the plan is no longer the one previewed (the file or the labels changed).
    /// The preview's plan is applied as kept when the file and the labels are as they were and
    /// its numbers are still the company's; otherwise the file is read and planned again.
    pub async fn apply_import(&self, company: i64, bytes: &[u8], source: &str, digest: &str) -> Result<Change> {
        let owner = self.session.owner()?;
        let file = file_hash(bytes);
        let kept = {
            let mut kept =
                self.session.labels_plan.lock().map_err(|_| Error::cache("the kept labels plan is poisoned"))?;
            let this = kept.as_ref().is_some_and(|k| {
                k.owner.0 == owner.portal
                    && k.owner.1 == owner.admin
                    && k.company == company
                    && k.digest == digest
                    && k.file == file
            });
            if this {
                kept.take()
            } else {
                None
            }
        };
        let mut tx = self.session.cache.pool().begin().await.map_err(Error::cache)?;
        let still = match &kept {
            Some(k) => {
                let msisdns: Vec<&str> = k.changes.iter().map(|(m, _)| m.as_str()).collect();
                cached::version(&mut tx, &owner, company).await? == k.version
                    && cached::all_in_company(&mut tx, &owner, company, &msisdns).await?
            }
            None => false,
        };
        let changes = match kept {
            Some(k) if still => k.changes,
            _ => {
                let cells = read_cells(bytes)?;
                let numbers = cached::company_numbers(&mut tx, &owner, company).await?;
                let labels = cached::of_company(&mut tx, &owner, company).await?;
                let plan = import::plan(&cells, &numbers, &labels)?;
                if plan.digest != digest {
                    return Err(Error::invalid_field(
                        ErrorCode::InvalidInput,
                        "file",
                        "The file or the labels changed since the preview: preview the import again.",
                    ));
                }
                plan.changes()
            }
        };
        if changes.is_empty() {
            return Err(Error::invalid_field(ErrorCode::InvalidInput, "file", "The file changes no label."));
        }
        let now = Utc::now();
        let id = cached::apply(&mut tx, &owner, company, "import", source, &changes, now).await?;
        let change = cached::last_change(&mut tx, &owner, company).await?;
        tx.commit().await.map_err(Error::cache)?;
        self.session.cache.search().invalidate(&owner, company);
        change.filter(|c| c.id == id).ok_or_else(|| Error::cache("the change just written is not in the log"))
    }

    /// Applies `bytes` (a labels file) as an import from `source` only when the company never
    /// had a label nor a change of labels: a starting set (the embedded demo's), given once and
    /// never again after the user labelled, cleared or undid anything. `None`: left alone.
    pub async fn seed_once(&self, company: i64, bytes: &[u8], source: &str) -> Result<Option<Change>> {
        let owner = self.session.owner()?;
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        if cached::ever_labelled(&mut conn, &owner, company).await? {
            return Ok(None);
        }
        drop(conn);
        let plan = self.preview_import(company, bytes).await?;
        self.apply_import(company, bytes, source, &plan.digest).await.map(Some)
    }

    /// The latest change not yet undone: what "Undo" takes back.
    pub async fn last_change(&self, company: i64) -> Result<Option<Change>> {
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        cached::last_change(&mut conn, &self.session.owner()?, company).await
    }

    /// Takes back change `id`, which must be the latest one not yet undone (an older one would
    /// overwrite what came after it). Returns how many numbers were restored.
    pub async fn undo(&self, company: i64, id: i64) -> Result<u64> {
        let owner = self.session.owner()?;
        let mut tx = self.session.cache.pool().begin().await.map_err(Error::cache)?;
        match cached::last_change(&mut tx, &owner, company).await? {
            Some(last) if last.id == id => {}
            _ => return Err(Error::new(
                ErrorCode::InvalidInput,
                "Only the latest change of the labels can be undone, and this one is not it (or is undone already).",
            )),
        }
        let restored = cached::undo(&mut tx, &owner, company, id, Utc::now()).await?;
        tx.commit().await.map_err(Error::cache)?;
        self.session.cache.search().invalidate(&owner, company);
        Ok(restored)
    }

    /// Writes the labels `build` makes from the current ones as one logged change, refusing
    /// numbers that are not in the company's cached list.
    async fn write(
        &self,
        company: i64,
        kind: &str,
        source: &str,
        build: impl FnOnce(&HashMap<String, Label>) -> Result<Vec<(String, Label)>>,
        msisdns: &[&str],
    ) -> Result<Change> {
        let owner = self.session.owner()?;
        let mut tx = self.session.cache.pool().begin().await.map_err(Error::cache)?;
        let numbers = cached::company_numbers(&mut tx, &owner, company).await?;
        if let Some(stranger) = msisdns.iter().find(|m| !numbers.contains(**m)) {
            return Err(Error::invalid_field(
                ErrorCode::NotFound,
                "numbers",
                format!("{stranger} is not one of the company's numbers (as last synced)."),
            ));
        }
        let current = cached::of_company(&mut tx, &owner, company).await?;
        let labels = build(&current)?;
        let id = cached::apply(&mut tx, &owner, company, kind, source, &labels, Utc::now()).await?;
        let change = cached::last_change(&mut tx, &owner, company).await?;
        tx.commit().await.map_err(Error::cache)?;
        // The labelled rows are applied to the search index (an import or an undo rebuilds it).
        let written: Vec<&str> = labels.iter().map(|(msisdn, _)| msisdn.as_str()).collect();
        self.session.cache.search().rows_changed(self.session.cache.pool(), &owner, company, &written).await;
        change.filter(|c| c.id == id).ok_or_else(|| Error::cache("the change just written is not in the log"))
    }
}

/// The rows of an imported file, or an error naming the file that says why it cannot be read.
fn read_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    kabinet_documents::read::rows(bytes).map_err(|e| {
        Error::invalid_field(ErrorCode::InvalidInput, "file", format!("The file cannot be read as XLSX or CSV: {e}."))
    })
}
