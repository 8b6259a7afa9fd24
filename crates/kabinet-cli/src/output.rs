//! What the CLI prints: aligned text for people, JSON (the core's types) for scripts. Times for
//! people are Kazakhstan time (UTC+5, the operator's calendar) and say so, as the app's screens
//! do ([`kz_time`]); JSON keeps the wire's UTC. The words come from `texts.rs`, in the run's
//! language; JSON has none.

use chrono::{DateTime, NaiveDate, Utc};
use kabinet_core::api::{Company, InvoiceSearch, NumberDetail, Profile};
use kabinet_core::cache::numbers::NumberWindow;
use kabinet_core::cache::Cached;
use kabinet_core::domain::Tiyn;
use kabinet_core::secrets::Persistence;
use kabinet_core::sync::SyncReport;
use serde::Serialize;
use std::path::Path;

use crate::texts::{self, headings, T};

pub struct Output {
    pub json: bool,
}

fn money(t: Option<Tiyn>) -> String {
    t.map(|t| t.to_string()).unwrap_or_else(|| "–".into())
}

/// A moment as people in Kazakhstan read it, saying so: `18.02.2020 15:03 (Kazakhstan time)`,
/// the app's wording.
pub fn kz_time(at: DateTime<Utc>) -> String {
    format!("{} ({})", kz_clock(at), T::KzTime.get())
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
        texts::offline_as_of(&kz_time(c.fetched_at))
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
        outln!("{}", texts::signed_in(&p.name, &p.phone));
        if remembered == Some(Persistence::MemoryOnly) {
            outln!("{}", T::NoKeychain.get());
        }
    }

    pub fn companies(&self, list: &Cached<Vec<Company>>) {
        if self.json {
            return self.json(list);
        }
        let [id, company, bin, numbers] = headings([
            ["ID", "ID", "ID"],
            ["COMPANY", "КОМПАНИЯ", "КОМПАНИЯ"],
            ["BIN", "БИН", "БСН"],
            ["NUMBERS", "НОМЕРА", "НӨМІРЛЕР"],
        ]);
        outln!("{id:>4}  {company:<32} {bin:<12} {numbers:>8}{}", as_of(list));
        for c in &list.data {
            outln!("{:>4}  {:<32} {:<12} {:>8}", c.id, c.display_name, c.bin, c.numbers_total);
        }
    }

    pub fn sync(&self, r: &SyncReport) {
        if self.json {
            return self.json(r);
        }
        let kind = if r.full { T::Full } else { T::Incremental };
        outln!("{}", texts::synced(r.company_id, kind.get(), r.written as u64));
    }

    pub fn numbers(&self, w: &NumberWindow) {
        if self.json {
            return self.json(w);
        }
        let [number, account, tariff, payment, state, available, balance] = headings([
            ["NUMBER", "НОМЕР", "НӨМІР"],
            ["ACCOUNT", "СЧЁТ", "ШОТ"],
            ["TARIFF", "ТАРИФ", "ТАРИФ"],
            ["PAYMENT", "ОПЛАТА", "ТӨЛЕМ"],
            ["STATE", "СОСТОЯНИЕ", "КҮЙ"],
            ["AVAILABLE", "ДОСТУПНО", "ҚОЛЖЕТІМДІ"],
            ["BALANCE", "БАЛАНС", "ТЕҢГЕРІМ"],
        ]);
        outln!("{number:<12} {account:<10} {tariff:<24} {payment:<8} {state:<13} {available:>16} {balance:>16}");
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
        let first = w.offset.saturating_add(1);
        let last = (!w.rows.is_empty()).then(|| w.offset.saturating_add(w.rows.len() as i64));
        outln!("{}", texts::window(first, last, w.total));
    }

    pub fn number(&self, d: &Cached<NumberDetail>) {
        if self.json {
            return self.json(d);
        }
        let n = &d.data.summary;
        let [state, tariff, limit, available, credit, balance, debt, account, replaced, code, sent] = headings([
            ["state", "состояние", "күйі"],
            ["tariff", "тариф", "тариф"],
            ["individual limit", "индивидуальный лимит", "жеке лимит"],
            ["available funds", "доступные средства", "қолжетімді қаражат"],
            ["credit limit", "кредитный лимит", "кредит лимиті"],
            ["balance", "баланс", "теңгерім"],
            ["debt", "долг", "қарыз"],
            ["account", "лицевой счёт", "дербес шот"],
            ["SIM replaced", "SIM-карта заменена", "SIM-карта ауыстырылды"],
            ["secret code", "секретный код", "құпия код"],
            ["sent", "отправлен", "жіберілді"],
        ]);
        // Labels padded to the longest of the language, so the values line up.
        let rows: Vec<(&str, String)> = [
            Some((state, texts::state_since(n.state.as_str(), &kz_time(n.state_changed_at)))),
            Some((tariff, n.tariff.clone())),
            Some((limit, money(n.individual_limit))),
            Some((available, money(n.available_funds))),
            Some((credit, n.credit_limit.to_string())),
            Some((balance, n.balance.to_string())),
            Some((debt, n.debt.to_string())),
            Some((account, d.data.general.account.clone())),
            Some(("ICCID", d.data.sim.iccid.clone())),
            d.data.sim.sim_replaced_at.map(|at| (replaced, kz_time(at))),
            Some(("IMEI", d.data.sim.imei.clone().unwrap_or_else(|| "–".into()))),
            Some((
                code,
                d.data
                    .general
                    .secret_code_sent_at
                    .map_or_else(|| T::None.get().into(), |at| format!("{sent} {}", kz_time(at))),
            )),
        ]
        .into_iter()
        .flatten()
        .collect();
        let width = rows.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0);
        outln!("{}{}", phone(&n.msisdn), as_of(d));
        for (label, value) in rows {
            outln!("  {label:<width$} {value}");
        }
    }

    /// The invoice found and the numbers it bills, as the app's "On screen".
    pub fn invoice(&self, found: &InvoiceSearch) {
        if self.json {
            return self.json(found);
        }
        let i = &found.invoice;
        let [invoice, accounting, account, issued, turnover, net, vat, total, number, tariff, net_column] = headings([
            ["Invoice", "Счёт-фактура", "Шот-фактура"],
            ["accounting number", "учётный номер", "есепке алу нөмірі"],
            ["personal account", "лицевой счёт", "дербес шот"],
            ["issue date", "дата выписки", "жазылған күні"],
            ["turnover date", "дата оборота", "айналым күні"],
            ["net", "без НДС", "ҚҚС-сыз"],
            ["VAT", "НДС", "ҚҚС"],
            ["total", "итого", "барлығы"],
            ["NUMBER", "НОМЕР", "НӨМІР"],
            ["TARIFF", "ТАРИФ", "ТАРИФ"],
            ["NET", "БЕЗ НДС", "ҚҚС-СЫЗ"],
        ]);
        let rows = [
            (accounting, i.accounting_number.to_string()),
            (account, i.account.to_string()),
            (issued, day(i.issue_date)),
            (turnover, day(i.turnover_date)),
            (net, i.net.to_string()),
            (vat, format!("{} ({}%)", i.vat, i.vat_rate)),
            (total, i.total.to_string()),
        ];
        let width = rows.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0);
        outln!("{invoice} {}", i.registration_number);
        for (label, value) in rows {
            outln!("  {label:<width$} {value}");
        }
        outln!();
        outln!("{number:<18} {tariff:<32} {net_column:>16}");
        for n in &found.numbers {
            outln!("{:<18} {:<32} {:>16}", phone(&n.msisdn), n.tariff, n.net.to_string());
        }
    }

    pub fn exported(&self, path: &Path, count: usize) {
        if self.json {
            return self.json(&serde_json::json!({ "path": path, "numbers": count }));
        }
        outln!("{}", texts::exported(count, &path.display().to_string()));
    }
}
