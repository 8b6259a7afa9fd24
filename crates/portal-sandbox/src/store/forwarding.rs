//! Call forwarding of a number: one row per kind that is set. The target and delay rule is
//! `kabinet_protocol::rules::forwarding` (checked by the route before anything is read); which
//! states allow setting or switching off is the shared table `rules::number_actions`. Every
//! change and every refusal is written to the actions history in the caller's transaction.

use super::actions::{self, Status};
use super::numbers::summary;
use super::{Actor, Outcome, Refused};
use crate::db::{parse_ts, ts};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_protocol::action::HistoryAction;
use kabinet_protocol::api::{ForwardKind, Forwarding, ForwardingList};
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::forwarding::Checked;
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// The number's forwardings that are set, in the kinds' order.
pub async fn of(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<ForwardingList> {
    let rows: Vec<(String, String, Option<i64>, String)> =
        sqlx::query_as("SELECT kind, target, delay_s, set_at FROM forwardings WHERE msisdn = ?")
            .bind(msisdn)
            .fetch_all(&mut *conn)
            .await?;
    let mut items: Vec<Forwarding> = rows
        .into_iter()
        .map(|(kind, target, delay_s, set_at)| Forwarding {
            kind: ForwardKind::from_wire(&kind),
            target,
            delay_s: delay_s.and_then(|s| u32::try_from(s).ok()),
            set_at: parse_ts(&set_at),
        })
        .collect();
    let rank = |k: &ForwardKind| ForwardKind::KNOWN.iter().position(|x| x == k).unwrap_or(usize::MAX);
    items.sort_by_key(|f| rank(&f.kind));
    Ok(ForwardingList { msisdn: msisdn.to_string(), items })
}

/// The history's row of setting (or switching off) a kind.
fn history(set: bool, kind: &ForwardKind) -> HistoryAction {
    if set { ActionKind::ForwardingSet } else { ActionKind::ForwardingClear }.history().of(kind.as_str())
}

/// Sets (or replaces) one kind's forwarding, already checked by the shared rule.
pub async fn set(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    kind: &ForwardKind,
    forwarding: &Checked,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<ForwardingList>> {
    let number = summary(conn, msisdn).await?;
    let action = history(true, kind);
    if !number_actions::allows(&number.state, ActionKind::ForwardingSet) {
        actions::record(conn, actor, Some(msisdn), &action, Status::Refused, now).await?;
        let error = ApiError::refused(
            ErrorCode::NotAllowedInState,
            Reason::ForwardingNeedsActive,
            "Call forwarding can be set only on an active number.",
        )
        .with_param("state", number.state.as_str());
        return Ok(Err(Refused(error)));
    }
    sqlx::query(
        "INSERT INTO forwardings (msisdn, kind, target, delay_s, set_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (msisdn, kind) DO UPDATE SET target = excluded.target, delay_s = excluded.delay_s,
         set_at = excluded.set_at",
    )
    .bind(msisdn)
    .bind(kind.as_str())
    .bind(&forwarding.target)
    .bind(forwarding.delay_s.map(i64::from))
    .bind(ts(now))
    .execute(&mut *conn)
    .await?;
    actions::record(conn, actor, Some(msisdn), &action, Status::Success, now).await?;
    Ok(Ok(of(conn, msisdn).await?))
}

/// Switches one kind's forwarding off; refused when it is not set.
pub async fn clear(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    kind: &ForwardKind,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<ForwardingList>> {
    let number = summary(conn, msisdn).await?;
    let action = history(false, kind);
    let refusal = if !number_actions::allows(&number.state, ActionKind::ForwardingClear) {
        Some(
            // Only a state this version does not know: the table allows it in every known one.
            ApiError::new(
                ErrorCode::NotAllowedInState,
                "This number's state does not allow changing its call forwarding.",
            )
            .with_param("state", number.state.as_str()),
        )
    } else {
        let gone = sqlx::query("DELETE FROM forwardings WHERE msisdn = ? AND kind = ?")
            .bind(msisdn)
            .bind(kind.as_str())
            .execute(&mut *conn)
            .await?
            .rows_affected();
        (gone == 0).then(|| {
            ApiError::refused(ErrorCode::NotAllowedInState, Reason::ForwardingNotSet, "This forwarding is not set.")
                .with_param("kind", kind.as_str())
        })
    };
    if let Some(error) = refusal {
        actions::record(conn, actor, Some(msisdn), &action, Status::Refused, now).await?;
        return Ok(Err(Refused(error)));
    }
    actions::record(conn, actor, Some(msisdn), &action, Status::Success, now).await?;
    Ok(Ok(of(conn, msisdn).await?))
}
