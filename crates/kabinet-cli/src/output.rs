//! What the CLI prints: aligned text for people, JSON (the core's types) for scripts.

use kabinet_core::api::{Company, NumberDetail, Profile};
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

fn as_of<T>(c: &Cached<T>) -> String {
    if c.offline {
        format!(
            " (offline: data as of {})",
            c.fetched_at.with_timezone(&kabinet_core::kz::offset()).format("%d.%m.%Y %H:%M")
        )
    } else {
        String::new()
    }
}

impl Output {
    fn json<T: Serialize>(&self, value: &T) {
        println!("{}", serde_json::to_string_pretty(value).expect("core types serialize"));
    }

    pub fn done(&self, message: &str) {
        if self.json {
            self.json(&serde_json::json!({ "ok": true }));
        } else {
            println!("{message}");
        }
    }

    pub fn profile(&self, p: &Profile, remembered: Option<Persistence>) {
        if self.json {
            return self.json(&serde_json::json!({ "profile": p, "remembered": remembered }));
        }
        println!("Signed in as {} ({}).", p.name, p.phone);
        if remembered == Some(Persistence::MemoryOnly) {
            println!("No OS keychain here: set KABINET_PASSWORD so later commands can sign in.");
        }
    }

    pub fn companies(&self, list: &Cached<Vec<Company>>) {
        if self.json {
            return self.json(list);
        }
        println!("{:>4}  {:<32} {:<12} {:>8}{}", "ID", "COMPANY", "BIN", "NUMBERS", as_of(list));
        for c in &list.data {
            println!("{:>4}  {:<32} {:<12} {:>8}", c.id, c.display_name, c.bin, c.numbers_total);
        }
    }

    pub fn sync(&self, r: &SyncReport) {
        if self.json {
            return self.json(r);
        }
        let kind = if r.full { "full" } else { "incremental" };
        println!("Company {}: {kind} sync wrote {} numbers.", r.company_id, r.written);
    }

    pub fn numbers(&self, w: &NumberWindow) {
        if self.json {
            return self.json(w);
        }
        println!(
            "{:<12} {:<10} {:<24} {:<8} {:<13} {:>16} {:>16}",
            "NUMBER", "ACCOUNT", "TARIFF", "PAYMENT", "STATE", "AVAILABLE", "BALANCE"
        );
        for n in &w.rows {
            let state = n.state.as_str();
            let payment = n.payment_method.as_str();
            println!(
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
            println!("none from {} of {}", w.offset.saturating_add(1), w.total);
        } else {
            println!(
                "{} to {} of {}",
                w.offset.saturating_add(1),
                w.offset.saturating_add(w.rows.len() as i64),
                w.total
            );
        }
    }

    pub fn number(&self, d: &Cached<NumberDetail>) {
        if self.json {
            return self.json(d);
        }
        let n = &d.data.summary;
        println!(
            "{}{}",
            kabinet_core::domain::Phone::parse(&n.msisdn).map(|p| p.display()).unwrap_or(n.msisdn.clone()),
            as_of(d)
        );
        println!("  state            {:?} since {}", n.state, n.state_changed_at);
        println!("  tariff           {}", n.tariff);
        println!("  individual limit {}", money(n.individual_limit));
        println!("  available funds  {}", money(n.available_funds));
        println!("  credit limit     {}", n.credit_limit);
        println!("  balance          {}", n.balance);
        println!("  debt             {}", n.debt);
        println!("  account          {}", d.data.general.account);
        println!("  ICCID            {}", d.data.sim.iccid);
        println!("  IMEI             {}", d.data.sim.imei.as_deref().unwrap_or("–"));
    }

    pub fn exported(&self, path: &Path, count: usize) {
        if self.json {
            return self.json(&serde_json::json!({ "path": path, "numbers": count }));
        }
        println!("Wrote {count} numbers to {}.", path.display());
    }
}
