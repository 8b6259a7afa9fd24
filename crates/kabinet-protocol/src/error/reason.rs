//! Why the portal refused, more precisely than the error's `code`: a stable sub-code the UI
//! translates (`reason.<name>` in the locale files), with the error's `params` filled in.
//!
//! `code` says what kind of failure it is (and so the HTTP status, and what a client may do
//! generically); `reason` says which rule refused, so the user reads "The number is blocked for
//! debt" instead of "This step is not possible now". One list, here, for both ends: the sandbox
//! answers with these, the client keeps one it does not know as `Unknown` (the UI then shows the
//! portal's English message).
//!
//! Adding a reason: a variant below (its wire name never changes), a `reason.<name>` text in
//! every locale file, its Russian and Kazakh message in `texts.rs` (the portal's answer in the
//! language asked; its match does not compile without it), and the sandbox refusal that
//! answers it.

use crate::api::open_enum::open_enum;

open_enum! {
    /// A refusal's rule, by its wire name.
    pub enum Reason {
        /// Block: only an active number.
        BlockNeedsActive = "block_needs_active",
        /// Unblock: only a blocked number.
        UnblockNeedsBlocked = "unblock_needs_blocked",
        /// "Blocked / Debt": unblocked by paying the unpaid charges, not by the administrator.
        BlockedForDebt = "blocked_for_debt",
        /// A request for the number is still in process.
        RequestInProcess = "request_in_process",
        /// Services can be enabled only on an active number.
        ServiceNeedsActive = "service_needs_active",
        /// A service that the number's state does not let go.
        ServiceCannotBeDisabled = "service_cannot_be_disabled",
        /// A value of the right form whose check digit does not match (ICCID, IMEI).
        CheckDigit = "check_digit",
        /// An IIN/BIN of 12 digits whose Kazakh check digit does not match: said apart from
        /// the other check digits, because its rule (two weight passes) is the IIN/BIN's own.
        IinBinCheckDigit = "iin_bin_check_digit",
        /// A company document of last month, before the day the operator has it ready.
        DocumentNotReadyYet = "document_not_ready_yet",
        /// A month that is not over has no document.
        MonthNotOver = "month_not_over",
        /// A month before the documents' first (January 2018, or 12 months back).
        MonthTooOld = "month_too_old",
        /// SIM replacement: only an active number (FAQ 8).
        SimReplacementNeedsActive = "sim_replacement_needs_active",
        /// A SIM replacement of the number is still in process.
        SimReplacementInProcess = "sim_replacement_in_process",
        /// The new SIM's ICCID is the SIM of a number already (this one's or another's).
        IccidInUse = "iccid_in_use",
        /// Setting a ban that is already set.
        BanAlreadySet = "ban_already_set",
        /// Removing a ban that is not set.
        BanNotSet = "ban_not_set",
        /// A ban cannot be changed in the number's state (In process, or a state unknown here).
        BanNotAllowedInState = "ban_not_allowed_in_state",
        /// Devices (IMEI) are registered only with an active number.
        ImeiNeedsActive = "imei_needs_active",
        /// The number's state allows no change of its device registrations.
        ImeiNotAllowedInState = "imei_not_allowed_in_state",
        /// The IMEI is registered with a number of another provider: register a duplicate.
        ImeiRegisteredOtherOperator = "imei_registered_other_operator",
        /// The IMEI is registered with another owner's number: re-register it from them.
        ImeiRegisteredElsewhere = "imei_registered_elsewhere",
        /// The IMEI is already registered with this number.
        ImeiAlreadyRegistered = "imei_already_registered",
        /// The IMEI is not registered with this number (nothing to deregister).
        ImeiNotRegistered = "imei_not_registered",
        /// Re-registration: the previous owner's number and IIN/BIN do not match the device's
        /// registration.
        PreviousOwnerMismatch = "previous_owner_mismatch",
        /// Re-registration and duplicates need the terms accepted.
        TermsNotAccepted = "terms_not_accepted",
        /// A forwarding target that is neither a Kazakh number nor an international `+` one.
        ForwardTargetInvalid = "forward_target_invalid",
        /// A number cannot forward its calls to itself.
        ForwardToItself = "forward_to_itself",
        /// The no-answer delay out of its range (`min`, `max` in params).
        ForwardDelayRange = "forward_delay_range",
        /// Forwarding can be set only on an active number.
        ForwardingNeedsActive = "forwarding_needs_active",
        /// Switching off a forwarding that is not set.
        ForwardingNotSet = "forwarding_not_set",
        /// A secret code can be sent only to an active number.
        SecretCodeNeedsActive = "secret_code_needs_active",
        /// Deleting a secret code the number does not have.
        NoSecretCode = "no_secret_code",
        /// A secret-code session reads its number; it changes nothing.
        CodeHolderReadOnly = "code_holder_read_only",
        /// Too many wrong passwords in a row (sign-in and the password change's current
        /// password count together): both are locked for a while (`Retry-After`).
        PasswordAttemptsExceeded = "password_attempts_exceeded",
        /// Payments: only the last three months can be asked for (`earliest` param).
        PaymentsOlderThanThreeMonths = "payments_older_than_three_months",
        /// A period's date after today (`today` param); the field names which date.
        PeriodInFuture = "period_in_future",
        /// A period that ends before it begins.
        PeriodReversed = "period_reversed",
        /// No invoice of the company has the number searched for, in the year chosen.
        InvoiceNotFound = "invoice_not_found",
        /// An account or number that has no billing for the month asked (no numbers on it).
        NothingBilled = "nothing_billed",
        /// The actions history and the Atlas Pro detailing: only the last twelve months
        /// (`earliest` param).
        PeriodOlderThanTwelveMonths = "period_older_than_twelve_months",
        /// Bulk actions: a number that is not in the company's list (as last synced), or that
        /// the portal does not know as the company's.
        NotInCompany = "not_in_company",
        /// Bulk actions: a line of the selection that is not a phone number.
        InvalidNumber = "invalid_number",
        /// Bulk actions: a number that is already earlier in the selection.
        Duplicate = "duplicate",
        /// Bulk SIM replacement: a new SIM (ICCID) that is already earlier in the pairs.
        DuplicateIccid = "duplicate_iccid",
        /// Disabling a service that is not enabled on the number.
        ServiceNotEnabled = "service_not_enabled",
        /// Balance transfer: the sender and the recipient are the same number.
        TransferSameNumber = "transfer_same_number",
        /// Balance transfer: the recipient's state does not let it receive (In process, or a
        /// state unknown here; `state` param).
        TransferRecipientState = "transfer_recipient_state",
        /// Balance transfer: only an active number gives (`state` param).
        TransferSenderState = "transfer_sender_state",
        /// Balance transfer: more than the sender can give (`available` param, in tiyn).
        TransferExceedsAvailable = "transfer_exceeds_available",
        /// Balance transfer: the sender or the recipient is not a number of the company (404;
        /// the field names which).
        TransferNotCompanyNumber = "transfer_not_company_number",
        /// A number in a state this version does not know: no action is offered or sent.
        StateUnknown = "state_unknown",
        /// No answer arrived for a confirmed action: it may or may not have been done; trying
        /// again is safe (the same Idempotency-Key is sent, `kabinet_core::intents`).
        IntentUnanswered = "intent_unanswered",
        /// A left-over action was already checked (or dismissed).
        IntentGone = "intent_gone",
        /// A left-over action older than the portal keeps its keys: not re-sent.
        IntentTooOld = "intent_too_old",
        /// An imported file is not a charges breakdown (Appendix 1 of the certificate): `file`
        /// names it, `missing` says what it lacks (`workbook`, `columns`, `month`, `account`,
        /// `rows` with `line`, `total`, `company`).
        NotABreakdown = "not_a_breakdown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_travel_by_wire_name_and_unknown_ones_are_kept() {
        assert_eq!(serde_json::to_string(&Reason::BlockedForDebt).unwrap(), r#""blocked_for_debt""#);
        let r: Reason = serde_json::from_str(r#""brand_new_rule""#).unwrap();
        assert_eq!(r, Reason::Unknown("brand_new_rule".into()));
    }
}
