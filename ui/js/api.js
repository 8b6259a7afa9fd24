// The one place that names Kabinet's commands. `COMMANDS` must list exactly the commands
// declared in src-tauri/commands/mod.rs (a Rust test compares them). Screens call `api.<name>`
// and never spell a command name themselves.

const COMMANDS = [
  "app_info",
  "app_start",
  "app_start_timing",
  "settings_save",
  "demo_outbox",
  "diagnostics_copy",
  "about_info",
  "about_licences",
  "data_folder_open",
  "update_status",
  "update_check",
  "update_install",
  "update_restart",
  "session_restore",
  "login",
  "logout",
  "intents_pending",
  "intents_resolve",
  "intents_dismiss",
  "recovery_start",
  "recovery_resend",
  "recovery_verify",
  "recovery_complete",
  "profile_get",
  "profile_change_email",
  "profile_change_password",
  "companies_list",
  "company_set_display_name",
  "numbers_sync",
  "numbers_window",
  "numbers_status",
  "spend_import_pick",
  "numbers_export",
  "connection_check",
  "labels_get",
  "labels_set",
  "labels_edit",
  "labels_choices",
  "labels_import_preview",
  "labels_import_apply",
  "labels_last_change",
  "labels_undo",
  "number_get",
  "number_sim_secrets",
  "number_allowances",
  "number_services",
  "actions",
  "act_check",
  "act",
  "number_requests",
  "usage_default_period",
  "usage_report",
  "usage_export",
  "devices_get",
  "device_register",
  "device_reregister",
  "device_register_duplicate",
  "device_deregister",
  "forwarding_get",
  "forwarding_set",
  "forwarding_clear",
  "payments_period",
  "payments_report_request",
  "payments_saved",
  "payments_saved_report",
  "report_bounds",
  "report_request",
  "reports_requested",
  "library_list",
  "library_open",
  "library_save_as",
  "library_show_in_folder",
  "billing_accounts",
  "certificate_download",
  "invoice_register_download",
  "invoice_search",
  "invoice_search_download",
  "actions_history_list",
  "actions_history_export",
  "bulk_preview",
  "bulk_pair_lines",
  "bulk_run",
  "bulk_cancel",
  "bulk_pause",
  "bulk_items",
  "bulk_runs",
  "bulk_export",
  "bulk_discard",
  "transfer_available",
  "transfer_check",
  "transfer_send",
  "spend_overview",
  "spend_fetch",
  "spend_behind",
  "spend_chargeback",
  "changes_list",
  "changes_rules",
  "changes_rules_save",
  "changes_notify",
];

const invoke = window.__TAURI__.core.invoke;
/** Who hears of an expired session and of an unreachable portal: the shell, once, at boot (app-wide). */
const sessionListeners = new Set();
const unreachableListeners = new Set();

/** Calls `onExpired()` whenever a command answers `session_expired`. */
export function onSessionExpired(onExpired) {
  sessionListeners.add(onExpired);
}

/** Calls `fn(err)` whenever a command finds the portal unreachable. */
export function onUnreachable(fn) {
  unreachableListeners.add(fn);
}

/**
 * Errors always come out as `{code, message, ...}`, even when Tauri itself refused the call. An
 * argument Tauri could not read ("invalid args `from` for command `usage_report`: …") is the
 * UI's mistake about one field, so it is `invalid_input` naming that field, never `internal`.
 */
export function normalise(err) {
  if (err && typeof err === "object" && typeof err.code === "string") return err;
  const text = String(err);
  const bad = /^invalid args `(\w+)` for command `\w+`: ?(.*)$/s.exec(text);
  if (bad) return { code: "invalid_input", field: bad[1], message: `The value of ${bad[1]} is not valid: ${bad[2]}` };
  return { code: "internal", message: text };
}

async function call(name, args) {
  try {
    return await invoke(name, args ?? {});
  } catch (raw) {
    const err = normalise(raw);
    if (err.code === "session_expired") sessionListeners.forEach((fn) => fn(err));
    if (err.code === "portal_unreachable" || err.code === "portal_timeout") unreachableListeners.forEach((fn) => fn(err));
    throw err;
  }
}

/** `api.login({phone, password, remember})` and so on: one function per command. */
export const api = Object.freeze(Object.fromEntries(COMMANDS.map((name) => [name, (args) => call(name, args)])));
