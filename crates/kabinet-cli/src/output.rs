//! What the CLI prints: aligned text for people, JSON (the core's types) for scripts. Times for
//! people are Kazakhstan time (UTC+5, the operator's calendar) and say so, as the app's screens
//! do ([`kz_time`]); JSON keeps the wire's UTC.

use chrono::{DateTime, NaiveDate, Utc};
use kabinet_core::api::{Company, InvoiceSearch, NumberDetail, Profile};
use kabinet_core::cache::numbers::NumberWindow;
use kabinet_core::cache::Cached;
use kabinet_core::domain::Tiyn;
use kabinet_core::secrets::Persistence;
use kabinet_core::sync::SyncReport;
use serde::Serialize;
use std::path::Path;

pub struct Output {
    pub json: bool,
}

fn money(t: Option<Tiyn>) -> String {
    t.map(|t| t.to_string()).unwrap_or_else(|| "–".into())
}

/// A moment as people in Kazakhstan read it, saying so: `18.02.2020 15:03 (Kazakhstan time)`,
/// the app's wording.
pub fn kz_time(at: DateTime<Utc>) -> String {
    format!("{} (Kazakhstan time)", kz_clock(at))
}

/// A moment in Kazakhstan time without saying so, for a table whose heading does:
/// `18.02.2020 15:03`.
pub fn kz_clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&kabinet_core::kz::offset()).format("%d.%m.%Y %H:%M").to_string()
}

/// A calendar day, written as [`kz_time`] writes its date.
pub fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A number as every screen writes it (`+7 701 054 20 07`), or as it came when it is not one.
pub fn phone(msisdn: &str) -> String {
    kabinet_core::domain::Phone::parse(msisdn).map(|p| p.display()).unwrap_or_else(|_| msisdn.to_string())
}

fn as_of<T>(c: &Cached<T>) -> String {
    if c.offline {
        format!(" [offline: data as of {}]", kz_time(c.fetched_at))
    } else {
        String::new()
    }
}

impl Output {
    pub fn json<T: Serialize>(&self, value: &T) {
        outln!("{}", serde_json::to_string_pretty(value).expect("core types serialize"));
    }

    pub fn done(&self, message: &str) {
        if self.json {
            self.json(&serde_json::json!({ "ok": true }));
        } else {
            outln!("{message}");
        }
    }

    pub fn profile(&self, p: &Profile, remembered: Option<Persistence>) {
        if self.json {
            return self.json(&serde_json::json!({ "profile": p, "remembered": remembered }));
        }
        outln!("Signed in as {} ({}).", p.name, p.phone);
        if remembered == Some(Persistence::MemoryOnly) {
            outln!("No OS keychain here: set KABINET_PASSWORD so later commands can sign in.");
        }
    }

    pub fn companies(&self, list: &Cached<Vec<Company>>) {
        if self.json {
            return self.json(list);
        }
        outln!("{:>4}  {:<32} {:<12} {:>8}{}", "ID", "COMPANY", "BIN", "NUMBERS", as_of(list));
        for c in &list.data {
            outln!("{:>4}  {:<32} {:<12} {:>8}", c.id, c.display_name, c.bin, c.numbers_total);
        }
    }

    pub fn sync(&self, r: &SyncReport) {
        if self.json {
            return self.json(r);
        }
        let kind = if r.full { "full" } else { "incremental" };
        outln!("Company {}: {kind} sync wrote {} numbers.", r.company_id, r.written);
    }

    pub fn numbers(&self, w: &NumberWindow) {
        if self.json {
            return self.json(w);
        }
        outln!(
            "{:<12} {:<10} {:<24} {:<8} {:<13} {:>16} {:>16}",
            "NUMBER",
            "ACCOUNT",
            "TARIFF",
            "PAYMENT",
            "STATE",
            "AVAILABLE",
            "BALANCE"
        );
        for n in &w.rows {
            let state = n.state.as_str();
            let payment = n.payment_method.as_str();
            outln!(
                "{:<12} {:<10} {:<24} {:<8} {:<13} {:>16} {:>16}",
                n.msisdn,
                n.account,
                n.tariff.chars().take(24).collect::<String>(),
                payment,
                state,
                money(n.available_funds),
                money(Some(n.balance))
            );
        }
        // The offset is whatever was typed, up to i64::MAX: count with saturating arithmetic.
        if w.rows.is_empty() {
            outln!("none from {} of {}", w.offset.saturating_add(1), w.total);
        } else {
            outln!("{} to {} of {}", w.offset.saturating_add(1), w.offset.saturating_add(w.rows.len() as i64), w.total);
        }
    }

    pub fn number(&self, d: &Cached<NumberDetail>) {
        if self.json {
            return self.json(d);
        }
        let n = &d.data.summary;
        outln!("{}{}", phone(&n.msisdn), as_of(d));
        outln!("  state            {} since {}", n.state.as_str(), kz_time(n.state_changed_at));
        outln!("  tariff           {}", n.tariff);
        outln!("  individual limit {}", money(n.individual_limit));
        outln!("  available funds  {}", money(n.available_funds));
        outln!("  credit limit     {}", n.credit_limit);
        outln!("  balance          {}", n.balance);
        outln!("  debt             {}", n.debt);
        outln!("  account          {}", d.data.general.account);
        outln!("  ICCID            {}", d.data.sim.iccid);
        if let Some(at) = d.data.sim.sim_replaced_at {
            outln!("  SIM replaced     {}", kz_time(at));
        }
        outln!("  IMEI             {}", d.data.sim.imei.as_deref().unwrap_or("–"));
        match d.data.general.secret_code_sent_at {
            Some(at) => outln!("  secret code      sent {}", kz_time(at)),
            None => outln!("  secret code      none"),
        }
    }

    /// The invoice found and the numbers it bills, as the app's "On screen".
    pub fn invoice(&self, found: &InvoiceSearch) {
        if self.json {
            return self.json(found);
        }
        let i = &found.invoice;
        outln!("Invoice {}", i.registration_number);
        outln!("  accounting number {}", i.accounting_number);
        outln!("  personal account  {}", i.account);
        outln!("  issue date        {}", day(i.issue_date));
        outln!("  turnover date     {}", day(i.turnover_date));
        outln!("  net               {}", i.net);
        outln!("  VAT               {} ({}%)", i.vat, i.vat_rate);
        outln!("  total             {}", i.total);
        outln!();
        outln!("{:<18} {:<32} {:>16}", "NUMBER", "TARIFF", "NET");
        for n in &found.numbers {
            outln!("{:<18} {:<32} {:>16}", phone(&n.msisdn), n.tariff, n.net.to_string());
        }
    }

    pub fn exported(&self, path: &Path, count: usize) {
        if self.json {
            return self.json(&serde_json::json!({ "path": path, "numbers": count }));
        }
        outln!("Wrote {count} numbers to {}.", path.display());
    }
}
