//! The pairs of a bulk SIM replacement: each number with its OWN new SIM (ICCID), since one SIM
//! card cannot go to two numbers. People give them as lines, pasted into the bulk screen or a
//! file for the CLI, `number ICCID`, `number;ICCID` or `number,ICCID` (a tab too), or as a
//! CSV or XLSX with those two columns ([`lines_of_file`], which makes lines of the same form).
//!
//! Why here: the app and the CLI read the same lines the same way; what the number and the
//! ICCID must be is the protocol's rules (`domain::Phone`, `domain::Iccid`), applied by the
//! preview, not here. A number may be written with spaces (`+7 701 054 20 07 8999…`): with no
//! `;`, `,` or tab on the line, it is split after the first words that read as a phone number.

use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};

/// The number and the ICCID of a line, as written (trimmed); the ICCID is empty when the line
/// has only one part.
pub fn split(line: &str) -> (&str, &str) {
    let line = line.trim();
    if let Some(at) = line.rfind([';', ',', '\t']) {
        return (line[..at].trim(), line[at + 1..].trim());
    }
    if Phone::parse(line).is_ok() {
        return (line, "");
    }
    let gaps = line.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, _)| i);
    // The first split whose left part is a number: a number's digits are few, so at most one is.
    let mut last = None;
    for at in gaps {
        let (number, rest) = (line[..at].trim(), line[at..].trim());
        if !rest.is_empty() && Phone::parse(number).is_ok() {
            return (number, rest);
        }
        last = Some(at);
    }
    match last {
        // Not a number on the left of any gap: the last word is the ICCID, so the error is the
        // number's.
        Some(at) => (line[..at].trim(), line[at..].trim()),
        None => (line, ""),
    }
}

/// The lines of a file of numbers or pairs: a CSV or text file as it is, an XLSX (or XLS, ODS)
/// as its first sheet's first two columns joined by `;` (read by `kabinet_documents::read`, the
/// one reader of the users' spreadsheets). A first line with no digit is a header,
/// and skipped. `name` is the file's name, whose extension says which.
pub fn lines_of_file(name: &str, bytes: &[u8]) -> Result<Vec<String>> {
    let lower = name.to_lowercase();
    let spreadsheet = [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext));
    if !spreadsheet {
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|_| invalid_file("The file is not text (UTF-8): save it as CSV (UTF-8) or XLSX."))?;
        let header = text.lines().next().is_some_and(|first| !first.chars().any(|c| c.is_ascii_digit()));
        return Ok(text.lines().skip(usize::from(header)).map(str::to_string).collect());
    }
    let rows = kabinet_documents::read::spreadsheet_rows(bytes)
        .map_err(|e| invalid_file(&format!("The spreadsheet cannot be read: {e}")))?;
    let mut lines = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let cell = |n: usize| row.get(n).cloned().unwrap_or_default();
        let (number, iccid) = (cell(0), cell(1));
        if number.is_empty() && iccid.is_empty() {
            continue;
        }
        if i == 0 && !number.chars().any(|c| c.is_ascii_digit()) {
            continue; // a header
        }
        lines.push(if iccid.is_empty() { number } else { format!("{number};{iccid}") });
    }
    Ok(lines)
}

fn invalid_file(message: &str) -> Error {
    Error::invalid_field(ErrorCode::InvalidInput, "pairs", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_split_by_its_separator_or_after_the_number() {
        assert_eq!(split("77010542007 89997027508016848485"), ("77010542007", "89997027508016848485"));
        assert_eq!(split(" 87010542007;8999 7027 5080 1684 8485 "), ("87010542007", "8999 7027 5080 1684 8485"));
        assert_eq!(split("+7 701 054 20 07, 89997027508016848485"), ("+7 701 054 20 07", "89997027508016848485"));
        assert_eq!(split("+7 701 054 20 07 89997027508016848485"), ("+7 701 054 20 07", "89997027508016848485"));
        assert_eq!(split("77010542007\t89997027508016848485"), ("77010542007", "89997027508016848485"));
        assert_eq!(split("77010542007"), ("77010542007", ""));
        assert_eq!(split("+7 701 054 20 07 "), ("+7 701 054 20 07", ""));
        assert_eq!(split("not a number 8999"), ("not a number", "8999"));
    }

    #[test]
    fn a_csv_is_its_lines_and_an_xlsx_its_two_columns() {
        let csv = "\u{feff}number;iccid\n77010542007;89997027508016848485\n";
        assert_eq!(lines_of_file("pairs.csv", csv.as_bytes()).unwrap(), ["77010542007;89997027508016848485"]);
        let bad = lines_of_file("pairs.xlsx", b"not a workbook").unwrap_err();
        assert_eq!(bad.field.as_deref(), Some("pairs"));

        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Number").unwrap();
        sheet.write_string(0, 1, "ICCID").unwrap();
        // A number typed into a cell is a float; an ICCID is too long for one, so text.
        sheet.write_number(1, 0, 77010542007.0).unwrap();
        sheet.write_string(1, 1, "89997027508016848485").unwrap();
        sheet.write_string(2, 0, "+7 701 211 55 26").unwrap();
        sheet.write_string(2, 1, "8999 7020 0000 0000 0007").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(
            lines_of_file("Pairs.XLSX", &bytes).unwrap(),
            ["77010542007;89997027508016848485", "+7 701 211 55 26;8999 7020 0000 0000 0007"]
        );
    }
}
