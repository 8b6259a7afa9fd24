//! The three bans on a number (MyKcell details access, MyKcell access, SMS / USSD control):
//! set or removed at once, no request, each change and each refusal written to the actions
//! history in the same transaction.
//!
//! Rules: the number's state allows changing a ban (the shared table, `ActionKind::BanSet` / `BanRemove`:
//! not In process); a ban that is set cannot be set again, nor one that is not set removed
//! (409, each with its own reason), so a user who acted on a stale screen learns it.

use super::actions::{self, Status};
use super::numbers::{detail, summary};
use super::{Actor, Outcome, Refused};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_protocol::api::{Ban, BanChange, NumberSummary};
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::{ErrorCode, Language};
use sqlx::SqliteConnection;

/// The ban's column in `numbers`, and its name in the manual (the refusals' words).
fn column_and_name(ban: &Ban) -> Option<(&'static str, &'static str)> {
    let column = match ban {
        Ban::MykcellDetails => "ban_mykcell_details",
        Ban::Mykcell => "ban_mykcell",
        Ban::SmsUssd => "ban_sms_ussd",
        Ban::Unknown(_) => return None,
    };
    Some((column, ban.name(Language::En)?))
}

/// Why setting (`set`) or removing `ban` on the number (its summary `number`) would be refused
/// now, if it would: its state, or the ban already so. Writes nothing (the bulk check asks it
/// too). An unknown ban is "not found".
pub async fn refusal(
    conn: &mut SqliteConnection,
    number: &NumberSummary,
    ban: &Ban,
    set: bool,
) -> ApiResult<Option<ApiError>> {
    let (_, name) = column_and_name(ban).ok_or_else(ApiError::not_found)?;
    if let Some((reason, message)) =
        number_actions::refusal(&number.state, if set { ActionKind::BanSet } else { ActionKind::BanRemove })
    {
        return Ok(Some(
            ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("state", number.state.as_str()),
        ));
    }
    let before = detail(conn, &number.msisdn).await?;
    Ok((ban.is_set(&before.general) == set).then(|| {
        let (reason, message) = if set {
            (Reason::BanAlreadySet, format!("The {name} is already set on this number."))
        } else {
            (Reason::BanNotSet, format!("No {name} is set on this number."))
        };
        ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("ban", ban.as_str())
    }))
}

/// Sets (`set`) or removes a ban. An unknown ban is "not found", as a route that does not exist.
pub async fn change(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    ban: &Ban,
    set: bool,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<BanChange>> {
    let (column, _) = column_and_name(ban).ok_or_else(ApiError::not_found)?;
    let history = if set { ActionKind::BanSet } else { ActionKind::BanRemove }.history().of(ban.as_str());
    let number = summary(conn, msisdn).await?;
    let refusal = refusal(conn, &number, ban, set).await?;
    if let Some(error) = refusal {
        actions::record(conn, actor, Some(msisdn), &history, Status::Refused, now).await?;
        return Ok(Err(Refused(error)));
    }
    sqlx::query(&format!("UPDATE numbers SET {column} = ? WHERE msisdn = ?"))
        .bind(set)
        .bind(msisdn)
        .execute(&mut *conn)
        .await?;
    actions::record(conn, actor, Some(msisdn), &history, Status::Success, now).await?;
    let general = detail(conn, msisdn).await?.general;
    Ok(Ok(BanChange { msisdn: msisdn.to_string(), general }))
}
