//! Demo device (IMEI) registrations, so every path of the manual's "Device registration (IMEI)"
//! can be tried in the demo (company "ТОО Кабинет", BIN 150340001236):
//!
//! | number | state | last IMEI | what the demo shows |
//! | --- | --- | --- | --- |
//! | 77010600037 | Active | 35600054894561 | not registered: Register works, then Delete it |
//! | 77010600074 | Active | 35055553552575 | registered to another owner (77017770011, IIN 921029350851): Register fails, Re-register from that owner works |
//! | 77010542007 | Active | 35367807651154 | registered with another provider's number (Tele2 77071234500): Register fails, Register duplicate works; the manual's request history (duplicate registered 22/04/2021, registration removed 06/07/2021) |
//! | 77010600111 | Active | 35355626115517 | registered with this number |
//! | 77010542006 | Blocked | 35967807651154 | the manual's two registered IMEIs (35967807651154, 86978202212128): Delete works, Register is not offered |
//! | 77012115526 | Active | none | no device seen with this SIM yet |
//!
//! Other numbers keep the IMEI the generator gave them (or none), not registered.

use super::kz;
use crate::db::ts;
use sqlx::{Sqlite, Transaction};

/// The company's BIN (companies row 1).
const BIN: &str = "150340001236";

pub(super) async fn apply(tx: &mut Transaction<'_, Sqlite>) -> sqlx::Result<()> {
    // The last IMEI seen with the SIM, where the generated one does not fit the table above.
    for (msisdn, imei) in [("77010600037", "35600054894561"), ("77010600074", "35055553552575")] {
        sqlx::query("UPDATE numbers SET imei = ? WHERE msisdn = ?").bind(imei).bind(msisdn).execute(&mut **tx).await?;
    }
    let registrations = [
        ("35055553552575", "77017770011", "921029350851", false, kz(2022, 3, 14, 10, 5)),
        ("35367807651154", "77071234500", "921029350851", false, kz(2020, 11, 2, 16, 40)),
        ("35355626115517", "77010600111", BIN, false, kz(2023, 5, 19, 12, 30)),
        ("35967807651154", "77010542006", BIN, false, kz(2019, 12, 24, 11, 21)),
        ("86978202212128", "77010542006", BIN, true, kz(2021, 2, 8, 15, 12)),
    ];
    for (imei, msisdn, owner, duplicate, at) in registrations {
        sqlx::query(
            "INSERT INTO device_registrations (imei, msisdn, owner_iin_bin, duplicate, registered_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(imei)
        .bind(msisdn)
        .bind(owner)
        .bind(duplicate)
        .bind(ts(at))
        .execute(&mut **tx)
        .await?;
    }
    // The manual's request history of 77010542007.
    let history = [
        ("seed-imei-1", "imei_duplicate", "imei_duplicate_registered", kz(2021, 4, 22, 18, 49)),
        ("seed-imei-2", "imei_deregister", "imei_deregistered", kz(2021, 7, 6, 9, 46)),
    ];
    for (id, kind, result, at) in history {
        sqlx::query(
            "INSERT INTO requests (id, company_id, admin_id, msisdn, kind, detail, state, result, created_at, complete_at, completed_at)
             VALUES (?, 1, 1, '77010542007', ?, '35367807651154', 'done', ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(kind)
        .bind(result)
        .bind(ts(at))
        .bind(ts(at))
        .bind(ts(at))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
