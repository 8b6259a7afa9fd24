// The one place that names Kabinet's commands. `COMMANDS` must list exactly the commands
// declared in src-tauri/commands/mod.rs (a Rust test compares them). Screens call `api.<name>`
// and never spell a command name themselves.

const COMMANDS = [
  "app_info",
  "settings_save",
  "demo_outbox",
  "session_restore",
  "login",
  "logout",
  "recovery_start",
  "recovery_resend",
  "recovery_verify",
  "recovery_complete",
  "profile_get",
  "profile_change_email",
  "profile_change_password",
  "companies_list",
  "company_set_display_name",
];

const invoke = window.__TAURI__.core.invoke;
const sessionListeners = new Set();

/** Calls `onExpired()` whenever a command answers `session_expired`. */
export function onSessionExpired(onExpired) {
  sessionListeners.add(onExpired);
}

/** Errors always come out as `{code, message, ...}`, even when Tauri itself refused the call. */
function normalise(err) {
  if (err && typeof err === "object" && typeof err.code === "string") return err;
  return { code: "internal", message: String(err) };
}

async function call(name, args) {
  try {
    return await invoke(name, args ?? {});
  } catch (raw) {
    const err = normalise(raw);
    if (err.code === "session_expired") sessionListeners.forEach((fn) => fn(err));
    throw err;
  }
}

/** `api.login({phone, password, remember})` and so on: one function per command. */
export const api = Object.freeze(Object.fromEntries(COMMANDS.map((name) => [name, (args) => call(name, args)])));
