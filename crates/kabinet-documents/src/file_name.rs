//! File names made from what the portal says (a company's name), safe on every OS.
//!
//! Exports are named by the company's name so people can tell `numbers-ТОО Кабинет-…` from the
//! other companies' files. The name comes from the portal, so it may hold anything: characters
//! Windows forbids (`<>:"/\|?*`), control characters, a trailing dot or space (dropped by
//! Windows Explorer), a reserved device name (`CON`, `NUL`, `COM1`, …), or a path (`../x`).
//! [`safe_component`] turns it into one plain file name component; letters of any script stay.

/// The longest component this returns, in characters (well under the 255 bytes of common file
/// systems even in Cyrillic, leaving room for a prefix, a time stamp and an extension).
pub const MAX_CHARS: usize = 60;

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `name` as one file name component: forbidden and control characters become `_`, runs of
/// whitespace one space, no leading or trailing dots or spaces, at most [`MAX_CHARS`]
/// characters; `fallback` when nothing is left; reserved device names get a `_` appended.
pub fn safe_component(name: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let forbidden = c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*');
        out.push(if forbidden { '_' } else { c });
    }
    let cut: String = out.chars().take(MAX_CHARS).collect();
    let trimmed = cut.trim_matches(|c: char| c == '.' || c == ' ');
    if trimmed.is_empty() || trimmed.chars().all(|c| c == '_') {
        return fallback.to_string();
    }
    let stem = trimmed.split('.').next().unwrap_or(trimmed).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return format!("{trimmed}_");
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_keep_their_letters() {
        assert_eq!(safe_component("ТОО Кабинет", "1"), "ТОО Кабинет");
        assert_eq!(safe_component("  ТОО  «Алтын\tБайланыс» ", "3"), "ТОО «Алтын Байланыс»");
    }

    #[test]
    fn characters_windows_forbids_and_paths_are_replaced() {
        assert_eq!(safe_component("A/B\\C:D*E?F\"G<H>I|J", "x"), "A_B_C_D_E_F_G_H_I_J");
        assert_eq!(safe_component("../../etc/passwd", "x"), "_.._etc_passwd");
        assert_eq!(safe_component("line\nbreak\u{0}", "x"), "line break_");
    }

    #[test]
    fn dots_spaces_and_nothing_left_fall_back() {
        assert_eq!(safe_component("Кабинет...", "x"), "Кабинет");
        assert_eq!(safe_component("..", "7"), "7");
        assert_eq!(safe_component("   ", "7"), "7");
        assert_eq!(safe_component("///", "7"), "7");
    }

    #[test]
    fn reserved_device_names_are_changed() {
        assert_eq!(safe_component("con", "x"), "con_");
        assert_eq!(safe_component("NUL.txt", "x"), "NUL.txt_");
        assert_eq!(safe_component("Console", "x"), "Console");
    }

    #[test]
    fn long_names_are_cut_on_characters_not_bytes() {
        let long = "Ж".repeat(200);
        let safe = safe_component(&long, "x");
        assert_eq!(safe.chars().count(), MAX_CHARS);
        assert!(safe.len() <= 255);
    }
}
