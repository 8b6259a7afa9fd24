//! Balance transfer between two numbers of a company, one rule for both ends: the client shows
//! what a sender can give and checks a transfer against its cached summaries before it sends
//! anything; the sandbox checks it again against its own figures, in the transaction that moves
//! the money. Each refusal names the form's field (`sender`, `recipient`, `amount`).
//!
//! What a sender can give ([`available`]; [`can_give`] says why a number in another state gives
//! nothing, so the screen names the rule instead of showing "0.00 ₸"):
//! - only an Active number gives (the shared table, `ActionKind::Transfer`); any other
//!   state, or a state or payment method this version does not know, gives nothing;
//! - advance (prepaid): its prepaid balance;
//! - credit (postpaid): its remaining credit limit less its debt for past periods (the debt is
//!   owed first);
//! - never more than its available funds when an individual limit is set (the limit caps what
//!   the number may spend, and a transfer is spending);
//! - never below zero.
//!
//! Who may receive: an Active, Blocked or Blocked / Debt number (`ActionKind::TransferReceive`);
//! not one In process, nor one in a state this version does not know.

use super::number_actions::{allows, ActionKind};
use crate::api::{NumberState, NumberSummary, PaymentMethod};
use crate::domain::Tiyn;
use crate::error::{Error, ErrorCode, Reason, Result};

/// What `from` can give now, in tiyn (0 when it can give nothing).
pub fn available(from: &NumberSummary) -> Tiyn {
    if !allows(&from.state, ActionKind::Transfer) {
        return Tiyn::ZERO;
    }
    let own = match from.payment_method {
        PaymentMethod::Advance => from.balance,
        PaymentMethod::Credit => from.balance.checked_sub(from.debt).unwrap_or(Tiyn::ZERO),
        PaymentMethod::Unknown(_) => return Tiyn::ZERO,
    };
    let capped = match from.individual_limit {
        // A limit without its available funds is a figure the portal did not send: nothing.
        Some(_) => own.min(from.available_funds.unwrap_or(Tiyn::ZERO)),
        None => own,
    };
    capped.max(Tiyn::ZERO)
}

/// What `from` can give now, or why it gives nothing because of its state: a number that is not
/// Active is refused with `transfer_sender_state` naming the `sender` field (the same refusal a
/// transfer from it gets), never answered "0".
pub fn can_give(from: &NumberSummary) -> Result<Tiyn> {
    match sender_refusal(from) {
        Some(e) => Err(e),
        None => Ok(available(from)),
    }
}

/// The refusal of a sender whose state does not allow it to give.
fn sender_refusal(from: &NumberSummary) -> Option<Error> {
    (!allows(&from.state, ActionKind::Transfer)).then(|| {
        state_refusal(
            "sender",
            Reason::TransferSenderState,
            "Only an active number can transfer its balance.",
            &from.state,
        )
    })
}

/// Checks a transfer of `amount` from `from` to `to`, in this order: the amount is positive,
/// the numbers differ, the recipient may receive, the sender may give, and the amount is at most
/// what the sender can give ([`available`], sent as the `available` param in tiyn).
pub fn check(from: &NumberSummary, to: &NumberSummary, amount: Tiyn) -> Result<()> {
    if amount <= Tiyn::ZERO {
        return Err(Error::invalid_field(ErrorCode::InvalidInput, "amount", "Enter an amount greater than zero."));
    }
    if from.msisdn == to.msisdn {
        return Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            "recipient",
            "The sender and the recipient are the same number. Choose another recipient.",
        )
        .with_reason(Reason::TransferSameNumber));
    }
    if !allows(&to.state, ActionKind::TransferReceive) {
        return Err(state_refusal(
            "recipient",
            Reason::TransferRecipientState,
            "The recipient cannot receive a transfer in its current state.",
            &to.state,
        ));
    }
    if let Some(refusal) = sender_refusal(from) {
        return Err(refusal);
    }
    let can_give = available(from);
    if amount > can_give {
        return Err(Error::invalid_field(
            ErrorCode::InsufficientFunds,
            "amount",
            format!("The amount is more than the sender can transfer ({can_give})."),
        )
        .with_reason(Reason::TransferExceedsAvailable)
        .with_param("available", can_give.0));
    }
    Ok(())
}

fn state_refusal(field: &str, reason: Reason, message: &str, state: &NumberState) -> Error {
    Error::invalid_field(ErrorCode::NotAllowedInState, field, message)
        .with_reason(reason)
        .with_param("state", state.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn number(msisdn: &str, method: PaymentMethod, state: NumberState) -> NumberSummary {
        NumberSummary {
            msisdn: msisdn.into(),
            account: "25060830".into(),
            tariff: "Kcell".into(),
            payment_method: method,
            state,
            state_changed_at: Utc::now(),
            individual_limit: None,
            available_funds: None,
            credit_limit: Tiyn(1_200_000),
            balance: Tiyn(847_690),
            debt: Tiyn::ZERO,
            updated_at: Utc::now(),
        }
    }

    fn active(msisdn: &str) -> NumberSummary {
        number(msisdn, PaymentMethod::Credit, NumberState::Active)
    }

    #[test]
    fn advance_gives_its_balance_and_credit_its_remaining_limit_less_its_debt() {
        let mut prepaid = number("77010000001", PaymentMethod::Advance, NumberState::Active);
        prepaid.balance = Tiyn(50_000);
        assert_eq!(available(&prepaid), Tiyn(50_000));
        let mut credit = active("77010000002");
        credit.debt = Tiyn(47_690);
        assert_eq!(available(&credit), Tiyn(800_000));
    }

    #[test]
    fn an_individual_limit_caps_it_at_the_available_funds() {
        let mut n = active("77010000001");
        n.individual_limit = Some(Tiyn(44_600));
        n.available_funds = Some(Tiyn(10_000));
        assert_eq!(available(&n), Tiyn(10_000));
        n.available_funds = Some(Tiyn(9_000_000));
        assert_eq!(available(&n), Tiyn(847_690), "the funds cap, never raise");
        n.available_funds = None;
        assert_eq!(available(&n), Tiyn::ZERO, "a limit whose funds are unknown gives nothing");
        n.individual_limit = None;
        assert_eq!(available(&n), Tiyn(847_690), "no limit: available funds are not looked at");
    }

    #[test]
    fn it_is_never_below_zero() {
        // The manual's number: 8 476,90 ₸ remaining, 13 222 ₸ debt, 446 ₸ available funds.
        let mut manual = active("77010542007");
        manual.individual_limit = Some(Tiyn(44_600));
        manual.available_funds = Some(Tiyn(44_600));
        manual.debt = Tiyn(1_322_200);
        assert_eq!(available(&manual), Tiyn::ZERO);
        let mut prepaid = number("77010000001", PaymentMethod::Advance, NumberState::Active);
        prepaid.balance = Tiyn(-500);
        assert_eq!(available(&prepaid), Tiyn::ZERO);
    }

    #[test]
    fn only_an_active_number_of_a_known_payment_method_gives() {
        for state in [
            NumberState::Blocked,
            NumberState::BlockedDebt,
            NumberState::InProcess,
            NumberState::Unknown("frozen".into()),
        ] {
            assert_eq!(
                available(&number("77010000001", PaymentMethod::Credit, state.clone())),
                Tiyn::ZERO,
                "{state:?}"
            );
        }
        let odd = number("77010000001", PaymentMethod::Unknown("barter".into()), NumberState::Active);
        assert_eq!(available(&odd), Tiyn::ZERO);
    }

    #[test]
    fn a_sender_that_may_not_give_is_refused_with_the_reason_not_answered_zero() {
        for state in [NumberState::Blocked, NumberState::BlockedDebt, NumberState::InProcess] {
            let e = can_give(&number("77010000001", PaymentMethod::Credit, state.clone())).unwrap_err();
            assert_eq!(
                (e.code, e.field.as_deref(), e.reason.clone(), e.param("state")),
                (ErrorCode::NotAllowedInState, Some("sender"), Some(Reason::TransferSenderState), Some(state.as_str())),
            );
        }
        assert_eq!(can_give(&active("77010000001")), Ok(Tiyn(847_690)));
    }

    #[test]
    fn a_transfer_within_what_the_sender_can_give_passes() {
        let (from, to) = (active("77010000001"), active("77010000002"));
        assert_eq!(check(&from, &to, Tiyn(847_690)), Ok(()));
        assert_eq!(check(&from, &to, Tiyn(1)), Ok(()));
        for state in [NumberState::Blocked, NumberState::BlockedDebt] {
            let to = number("77010000002", PaymentMethod::Advance, state);
            assert_eq!(check(&from, &to, Tiyn(100)), Ok(()));
        }
    }

    #[test]
    fn each_refusal_names_its_field_and_reason() {
        let (from, to) = (active("77010000001"), active("77010000002"));
        let refusal = |e: Error| (e.code, e.field.as_deref().map(str::to_string), e.reason);
        for amount in [Tiyn::ZERO, Tiyn(-100)] {
            assert_eq!(
                refusal(check(&from, &to, amount).unwrap_err()),
                (ErrorCode::InvalidInput, Some("amount".into()), None)
            );
        }
        assert_eq!(
            refusal(check(&from, &from, Tiyn(100)).unwrap_err()),
            (ErrorCode::InvalidInput, Some("recipient".into()), Some(Reason::TransferSameNumber))
        );
        for state in [NumberState::InProcess, NumberState::Unknown("frozen".into())] {
            let e = check(&from, &number("77010000002", PaymentMethod::Credit, state.clone()), Tiyn(100)).unwrap_err();
            assert_eq!(e.param("state"), Some(state.as_str()));
            assert_eq!(
                refusal(e),
                (ErrorCode::NotAllowedInState, Some("recipient".into()), Some(Reason::TransferRecipientState))
            );
        }
        let blocked = number("77010000001", PaymentMethod::Credit, NumberState::Blocked);
        assert_eq!(
            refusal(check(&blocked, &to, Tiyn(100)).unwrap_err()),
            (ErrorCode::NotAllowedInState, Some("sender".into()), Some(Reason::TransferSenderState))
        );
        let e = check(&from, &to, Tiyn(847_691)).unwrap_err();
        assert_eq!(e.param("available"), Some("847690"));
        assert_eq!(
            refusal(e),
            (ErrorCode::InsufficientFunds, Some("amount".into()), Some(Reason::TransferExceedsAvailable))
        );
    }
}
