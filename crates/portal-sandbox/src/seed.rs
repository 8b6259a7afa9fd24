//! Demo data, following the manual: an administrator of "ТОО Кабинет" and "Филиал ТОО Кабинет"
//! whose numbers include the manual's (77010542006 Blocked, 77010542007 Active with the Number
//! Info figures, 77012115526 Active) and a few dozen others; an administrator with a Tele2 number
//! (recovery codes by e-mail); and an account that has never logged in.
//!
//! Generated data is deterministic (a fixed-seed generator), so tests and screenshots repeat.
//! Device (IMEI) registrations, and which demo number shows which case: `seed/devices.rs`.

mod devices;

use crate::auth::hash_password;
use crate::db::ts;
use chrono::{DateTime, Duration, TimeZone, Utc};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use std::str::FromStr;

/// The demo administrator the app shows on its login screen.
pub const DEMO_LOGIN_PHONE: &str = "77010016515";
pub const DEMO_LOGIN_PASSWORD: &str = "Kabinet-2026";
/// An administrator with a Tele2 number: recovery codes go by e-mail.
pub const DEMO_TELE2_PHONE: &str = "77071234567";
/// An account that was never activated.
pub const DEMO_NEW_PHONE: &str = "77017654321";
/// The demo company whose numbers [`DEMO_LABELS_CSV`] labels (the manual's "ТОО Кабинет").
pub const DEMO_LABELS_COMPANY: i64 = 1;
/// Who uses 25 of the demo company's 33 numbers (employee, department, cost centre, tags), as a
/// labels file the app imports; the other 8 stay Unassigned. Labels live only in the client's
/// cache and the portal never serves them, so the embedded demo's app applies this once
/// (`account.labels().seed_once`) to show spend by cost centre.
pub const DEMO_LABELS_CSV: &str = include_str!("seed/demo_labels.csv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seed {
    /// Nothing: an empty portal.
    None,
    /// The manual's demo companies and administrators.
    Demo,
    /// The demo, plus a company with this many numbers (scale tests).
    Large(u32),
}

impl FromStr for Seed {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Seed::None),
            "demo" => Ok(Seed::Demo),
            _ => s
                .strip_prefix("large:")
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| (1..=1_000_000).contains(n))
                .map(Seed::Large)
                .ok_or_else(|| format!("unknown seed {s:?}: use demo, none or large:N (N up to 1000000)")),
        }
    }
}

/// Loads the seed into an empty database; a database that has administrators is left alone.
pub async fn apply(pool: &SqlitePool, seed: &Seed) -> anyhow::Result<()> {
    let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admins").fetch_one(pool).await?;
    if admins > 0 || *seed == Seed::None {
        return Ok(());
    }
    let mut tx = pool.begin().await?;
    let password = hash_password(DEMO_LOGIN_PASSWORD);
    for (id, name, bin) in [
        (1, "ТОО Кабинет", "150340001236"),
        (2, "Филиал ТОО Кабинет", "160541004562"),
        (3, "ТОО Алтын Байланыс", "200940007774"),
    ] {
        sqlx::query("INSERT INTO companies (id, name, bin) VALUES (?, ?, ?)")
            .bind(id)
            .bind(name)
            .bind(bin)
            .execute(&mut *tx)
            .await?;
        billing_details(&mut tx, id).await?;
    }
    let admins: [(i64, &str, &str, &str, Option<&str>); 3] = [
        (1, DEMO_LOGIN_PHONE, "Алия Сапарова", "aliya.saparova@kabinet.kz", Some(&password)),
        (2, DEMO_TELE2_PHONE, "Ерлан Тлеубаев", "erlan.tleubayev@kabinet.kz", Some(&password)),
        (3, DEMO_NEW_PHONE, "Данияр Ахметов", "daniyar.akhmetov@kabinet.kz", None),
    ];
    for (id, phone, name, email, hash) in admins {
        sqlx::query("INSERT INTO admins (id, phone, name, email, password_hash, activated) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(id)
            .bind(phone)
            .bind(name)
            .bind(email)
            .bind(hash)
            .bind(hash.is_some())
            .execute(&mut *tx)
            .await?;
    }
    for (admin, company, position) in [(1, 1, 0), (1, 2, 1), (2, 3, 0), (3, 1, 0)] {
        sqlx::query("INSERT INTO grants (admin_id, company_id, position) VALUES (?, ?, ?)")
            .bind(admin)
            .bind(company)
            .bind(position)
            .execute(&mut *tx)
            .await?;
    }

    let mut numbers = manual_numbers();
    let mut rng = SplitMix64(0x004b_6162_696e_6574);
    numbers.extend((0..30).map(|i| generated_number(&mut rng, 1, 77_010_600_000 + i * 37)));
    numbers.extend((0..15).map(|i| generated_number(&mut rng, 2, 77_022_300_000 + i * 53)));
    numbers.extend((0..8).map(|i| generated_number(&mut rng, 3, 77_754_100_000 + i * 71)));
    if let Seed::Large(n) = seed {
        sqlx::query("INSERT INTO companies (id, name, bin) VALUES (4, 'ТОО Большая Компания', '990140004654')")
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO grants (admin_id, company_id, position) VALUES (1, 4, 2)").execute(&mut *tx).await?;
        billing_details(&mut tx, 4).await?;
        numbers.extend((0..u64::from(*n)).map(|i| generated_number(&mut rng, 4, 77_780_000_000 + i)));
    }
    for chunk in numbers.chunks(200) {
        insert_numbers(&mut tx, chunk).await?;
    }
    // The manual's number 77010542007 has services on it already.
    for (service, at) in [("offnet-50", kz(2020, 1, 1, 0, 0)), ("roaming", kz(2019, 6, 3, 12, 0))] {
        sqlx::query("INSERT INTO number_services (msisdn, service_id, activated_at) VALUES ('77010542007', ?, ?)")
            .bind(service)
            .bind(ts(at))
            .execute(&mut *tx)
            .await?;
    }
    // Two more travellers of the company, for the Atlas Pro detailing: one with the package
    // itself, one with international roaming.
    for (msisdn, service, at) in
        [("77010600148", "atlas-pro", kz(2025, 6, 1, 9, 0)), ("77010600185", "roaming", kz(2024, 1, 10, 11, 30))]
    {
        sqlx::query("INSERT INTO number_services (msisdn, service_id, activated_at) VALUES (?, ?, ?)")
            .bind(msisdn)
            .bind(service)
            .bind(ts(at))
            .execute(&mut *tx)
            .await?;
    }
    devices::apply(&mut tx).await?;
    // 77012115526 forwards its calls to an Almaty landline when unreachable, so the demo shows a
    // forwarding that is set (the manual's number has none).
    sqlx::query(
        "INSERT INTO forwardings (msisdn, kind, target, delay_s, set_at) VALUES ('77012115526', 'unreachable', '77272500000', NULL, ?)",
    )
    .bind(ts(kz(2024, 9, 2, 10, 0)))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A company's personal accounts (the certificate's drop-down). Company 1's include the
/// manual's numbers' accounts and the manual's example 25060854; the large company 4 has 20.
fn accounts_of(company_id: i64) -> Vec<String> {
    let own = |list: &[&str]| list.iter().map(|a| a.to_string()).collect();
    match company_id {
        1 => own(&["25060830", "25060831", "25060854", "26026487"]),
        2 => own(&["25112400", "25112401", "25112402"]),
        3 => own(&["27040511", "27040512"]),
        _ => (0..20).map(|i| format!("{}", 28_900_000 + company_id * 1000 + i)).collect(),
    }
}

/// The company's address and contract (migration 0012) and its personal accounts.
async fn billing_details(tx: &mut sqlx::Transaction<'_, Sqlite>, company_id: i64) -> sqlx::Result<()> {
    let (address, contract, date) = match company_id {
        1 => ("г. Астана, пр. Қабанбай батыр, 11, офис 305", "К-0154/18", "2018-01-15"),
        2 => ("г. Шымкент, ул. Тәуке хана, 34", "К-0231/18", "2018-03-01"),
        3 => ("г. Алматы, ул. Сәтбаев, 90/21", "К-1187/20", "2020-09-10"),
        _ => ("г. Қарағанды, пр. Бұқар жырау, 49", "К-0007/18", "2018-01-02"),
    };
    sqlx::query("UPDATE companies SET address = ?, contract_number = ?, contract_date = ? WHERE id = ?")
        .bind(address)
        .bind(contract)
        .bind(date)
        .bind(company_id)
        .execute(&mut **tx)
        .await?;
    for (position, account) in accounts_of(company_id).iter().enumerate() {
        sqlx::query("INSERT INTO billing_accounts (account, company_id, position) VALUES (?, ?, ?)")
            .bind(account)
            .bind(company_id)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// One row of the `numbers` table.
struct NumberRow {
    msisdn: String,
    company_id: i64,
    account: String,
    tariff: &'static str,
    payment_method: &'static str,
    state: &'static str,
    state_changed_at: DateTime<Utc>,
    individual_limit: Option<i64>,
    available_funds: Option<i64>,
    credit_limit: i64,
    balance: i64,
    debt: i64,
    registration_form: String,
    bans: (bool, bool, bool),
    iccid: String,
    sim_replaced_at: Option<DateTime<Utc>>,
    imei: Option<String>,
}

/// Kazakhstan local time (UTC+5) to UTC, for dates the manual shows in local time.
fn kz(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    kabinet_protocol::kz::offset()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid date")
        .with_timezone(&Utc)
}

fn manual_numbers() -> Vec<NumberRow> {
    vec![
        NumberRow {
            msisdn: "77010542006".into(),
            company_id: 1,
            account: "25060831".into(),
            tariff: "Business Class Junior",
            payment_method: "credit",
            state: "blocked",
            state_changed_at: kz(2020, 1, 13, 9, 32),
            individual_limit: None,
            available_funds: None,
            credit_limit: 1_200_000,
            balance: 847_690,
            debt: 0,
            registration_form: "300014697190-129".into(),
            bans: (false, false, false),
            iccid: iccid_for(77010542006),
            sim_replaced_at: None,
            imei: Some("35967807651154".into()),
        },
        NumberRow {
            msisdn: "77010542007".into(),
            company_id: 1,
            account: "25060830".into(),
            tariff: "Business Class Junior",
            payment_method: "credit",
            state: "active",
            state_changed_at: kz(2020, 2, 18, 15, 3),
            individual_limit: Some(44_600),
            available_funds: Some(44_600),
            credit_limit: 1_200_000,
            balance: 847_690,
            debt: 1_322_200,
            registration_form: "300014697190-131".into(),
            bans: (true, false, true),
            iccid: "89997027508016848485".into(),
            sim_replaced_at: Some(kz(2019, 9, 18, 16, 54)),
            imei: Some("35367807651154".into()),
        },
        NumberRow {
            msisdn: "77012115526".into(),
            company_id: 1,
            account: "26026487".into(),
            tariff: "Kcell",
            payment_method: "credit",
            state: "active",
            state_changed_at: kz(2019, 12, 24, 11, 21),
            individual_limit: None,
            available_funds: None,
            credit_limit: 500_000,
            balance: 375_000,
            debt: 0,
            registration_form: "300014697190-140".into(),
            bans: (false, true, false),
            iccid: iccid_for(77012115526),
            sim_replaced_at: Some(kz(2021, 4, 22, 18, 49)),
            imei: None,
        },
    ]
}

const TARIFFS: [&str; 5] =
    ["Business Class Junior", "Business Class Middle", "Business Class Senior", "Kcell", "Корпоративный безлимит"];

fn generated_number(rng: &mut SplitMix64, company_id: i64, msisdn: u64) -> NumberRow {
    let roll = rng.below(100);
    let state = match roll {
        0..=81 => "active",
        82..=93 => "blocked",
        _ => "blocked_debt",
    };
    let advance = rng.below(4) == 0;
    let credit_limit = if advance { 0 } else { (rng.below(20) as i64 + 1) * 100_000 };
    let limit = (rng.below(3) == 0).then(|| (rng.below(50) as i64 + 1) * 10_000);
    NumberRow {
        msisdn: msisdn.to_string(),
        company_id,
        // The draw the seed always made (a random account each), mapped onto the company's few.
        account: {
            let accounts = accounts_of(company_id);
            accounts[rng.below(2_000_000) as usize % accounts.len()].to_string()
        },
        tariff: TARIFFS[rng.below(TARIFFS.len() as u64) as usize],
        payment_method: if advance { "advance" } else { "credit" },
        state,
        state_changed_at: kz(2024, 1, 1, 9, 0) + Duration::minutes(rng.below(900_000) as i64),
        individual_limit: limit,
        available_funds: limit.map(|l| l - rng.below(l as u64 + 1) as i64),
        credit_limit,
        balance: if advance {
            rng.below(2_000_000) as i64
        } else {
            credit_limit - rng.below(credit_limit as u64 + 1) as i64
        },
        debt: if state == "blocked_debt" { rng.below(5_000_000) as i64 + 100 } else { 0 },
        registration_form: format!("3000{:08}-{}", rng.below(100_000_000), rng.below(900) + 100),
        bans: (rng.below(5) == 0, rng.below(6) == 0, rng.below(8) == 0),
        iccid: iccid_for(msisdn),
        sim_replaced_at: (rng.below(3) == 0)
            .then(|| kz(2022, 1, 1, 10, 0) + Duration::minutes(rng.below(1_000_000) as i64)),
        imei: (rng.below(4) != 0).then(|| format!("35{:012}", rng.below(1_000_000_000_000))),
    }
}

/// A valid 20-digit ICCID derived from the number (Luhn check digit last).
fn iccid_for(msisdn: u64) -> String {
    let payload = format!("8999702{:012}", msisdn % 1_000_000_000_000);
    let check = kabinet_protocol::domain::luhn_check_digit(&payload);
    format!("{payload}{check}")
}

async fn insert_numbers(tx: &mut sqlx::Transaction<'_, Sqlite>, rows: &[NumberRow]) -> sqlx::Result<()> {
    let now = crate::db::ts_micros(Utc::now());
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO numbers (msisdn, company_id, account, tariff, payment_method, state, state_changed_at,
         individual_limit, available_funds, credit_limit, balance, debt, updated_at, registration_form,
         ban_sms_ussd, ban_mykcell_details, ban_mykcell, iccid, sim_replaced_at, imei) ",
    );
    q.push_values(rows, |mut b, r| {
        b.push_bind(&r.msisdn)
            .push_bind(r.company_id)
            .push_bind(&r.account)
            .push_bind(r.tariff)
            .push_bind(r.payment_method)
            .push_bind(r.state)
            .push_bind(ts(r.state_changed_at))
            .push_bind(r.individual_limit)
            .push_bind(r.available_funds)
            .push_bind(r.credit_limit)
            .push_bind(r.balance)
            .push_bind(r.debt)
            .push_bind(now.clone())
            .push_bind(&r.registration_form)
            .push_bind(r.bans.0)
            .push_bind(r.bans.1)
            .push_bind(r.bans.2)
            .push_bind(&r.iccid)
            .push_bind(r.sim_replaced_at.map(ts))
            .push_bind(&r.imei);
    });
    q.build().execute(&mut **tx).await?;
    Ok(())
}

/// A small deterministic generator (SplitMix64): the same seed gives the same demo data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_parse() {
        assert_eq!("demo".parse::<Seed>().unwrap(), Seed::Demo);
        assert_eq!("none".parse::<Seed>().unwrap(), Seed::None);
        assert_eq!("large:100000".parse::<Seed>().unwrap(), Seed::Large(100_000));
        assert!("large:0".parse::<Seed>().is_err());
        assert!("big".parse::<Seed>().is_err());
    }

    #[test]
    fn demo_bins_pass_the_check_digit() {
        for bin in ["150340001236", "160541004562", "200940007774", "990140004654"] {
            assert!(kabinet_protocol::domain::IinBin::parse(bin).is_ok(), "{bin}");
        }
    }

    #[test]
    fn generated_iccids_pass_the_check_digit() {
        for msisdn in [77010542006u64, 77781234567, 77020000001] {
            assert!(kabinet_protocol::domain::Iccid::parse(&iccid_for(msisdn)).is_ok());
        }
    }

    /// A Kazakh company's legal form is written in Cyrillic (ТОО, АО); a Latin letter among
    /// Cyrillic ones ("TOO Кабинет") looks like a typo to an accountant and breaks searching.
    #[tokio::test]
    async fn company_names_are_written_in_one_script() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).await.unwrap();
        apply(&pool, &Seed::Large(10)).await.unwrap();
        let names: Vec<String> =
            sqlx::query_scalar("SELECT name FROM companies ORDER BY id").fetch_all(&pool).await.unwrap();
        assert_eq!(names[..2], ["ТОО Кабинет", "Филиал ТОО Кабинет"]);
        for name in &names {
            let cyrillic = name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
            let latin = name.chars().any(|c| c.is_ascii_alphabetic());
            assert!(!(cyrillic && latin), "{name} mixes Latin and Cyrillic letters");
        }
    }
}
