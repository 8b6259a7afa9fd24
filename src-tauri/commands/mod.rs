//! Every command the UI can call, declared once.
//!
//! `commands!` below feeds both the handler registration and [`NAMES`]; a test checks that
//! `ui/js/api.js` lists exactly these names, so the UI never spells a command that does not
//! exist. Adding a command: write it in the module of its screen, add it here, add its name to
//! `COMMANDS` in `ui/js/api.js`, and call it through `api` in the UI.

pub mod about;
pub mod account;
pub mod act;
pub mod actions_history;
pub mod app;
pub mod billing;
pub mod bulk;
pub mod changes;
pub mod companies;
pub mod devices;
pub mod diagnostics;
pub mod documents;
pub mod forwarding;
pub mod intents;
pub mod labels;
pub mod number;
pub mod numbers;
pub mod payments;
pub mod profile;
pub mod recovery;
pub mod spend;
pub mod spend_import;
pub mod transfer;
pub mod updates;

macro_rules! commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        /// The names of all commands, as the UI calls them.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The invoke handler of all commands.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }
    };
}

commands! {
    app::app_info,
    app::app_start,
    app::app_start_timing,
    app::settings_save,
    app::demo_outbox,
    diagnostics::diagnostics_copy,
    about::about_info,
    about::about_licences,
    about::data_folder_open,
    updates::update_status,
    updates::update_check,
    updates::update_install,
    updates::update_restart,
    account::session_restore,
    account::login,
    account::logout,
    intents::intents_pending,
    intents::intents_resolve,
    intents::intents_dismiss,
    recovery::recovery_start,
    recovery::recovery_resend,
    recovery::recovery_verify,
    recovery::recovery_complete,
    profile::profile_get,
    profile::profile_change_email,
    profile::profile_change_password,
    companies::companies_list,
    companies::company_set_display_name,
    numbers::numbers_sync,
    numbers::numbers_window,
    numbers::numbers_status,
    spend_import::spend_import_pick,
    numbers::numbers_export,
    numbers::connection_check,
    labels::labels_get,
    labels::labels_set,
    labels::labels_edit,
    labels::labels_choices,
    labels::labels_import_preview,
    labels::labels_import_apply,
    labels::labels_last_change,
    labels::labels_undo,
    number::number_get,
    number::number_sim_secrets,
    number::number_allowances,
    number::number_services,
    number::actions,
    act::act_check,
    act::act,
    number::number_requests,
    number::usage_default_period,
    number::usage_report,
    number::usage_export,
    devices::devices_get,
    devices::device_register,
    devices::device_reregister,
    devices::device_register_duplicate,
    devices::device_deregister,
    forwarding::forwarding_get,
    forwarding::forwarding_set,
    forwarding::forwarding_clear,
    payments::payments_period,
    payments::payments_report_request,
    payments::payments_saved,
    payments::payments_saved_report,
    documents::report_bounds,
    documents::report_request,
    documents::reports_requested,
    documents::library_list,
    documents::library_open,
    documents::library_save_as,
    documents::library_show_in_folder,
    billing::billing_accounts,
    billing::certificate_download,
    billing::invoice_register_download,
    billing::invoice_search,
    billing::invoice_search_download,
    actions_history::actions_history_list,
    actions_history::actions_history_export,
    bulk::bulk_preview,
    bulk::bulk_pair_lines,
    bulk::bulk_run,
    bulk::bulk_cancel,
    bulk::bulk_pause,
    bulk::bulk_items,
    bulk::bulk_runs,
    bulk::bulk_export,
    bulk::bulk_discard,
    transfer::transfer_available,
    transfer::transfer_check,
    transfer::transfer_send,
    spend::spend_overview,
    spend::spend_fetch,
    spend::spend_behind,
    spend::spend_chargeback,
    changes::changes_list,
    changes::changes_rules,
    changes::changes_rules_save,
    changes::changes_notify,
}

/// The result type of every command: errors reach the UI as `{code, message}`.
pub type CmdResult<T> = Result<T, kabinet_core::Error>;

#[cfg(test)]
mod tests {
    use super::NAMES;

    /// `ui/js/api.js` must list exactly the commands registered here.
    #[test]
    fn ui_api_lists_exactly_the_registered_commands() {
        let js = include_str!("../../ui/js/api.js");
        let start = js.find("const COMMANDS = [").expect("COMMANDS list in api.js");
        let end = start + js[start..].find("];").expect("end of COMMANDS");
        let mut ui: Vec<&str> = js[start..end].split('"').skip(1).step_by(2).collect();
        let mut rust: Vec<&str> = NAMES.to_vec();
        ui.sort_unstable();
        rust.sort_unstable();
        assert_eq!(ui, rust);
    }
}
