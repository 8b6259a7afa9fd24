//! The bundled font (DejaVu Sans, regular and bold: Cyrillic, the Kazakh letters and `₸`),
//! measuring and wrapping text with it, and the Russian number and date formats the documents
//! print.
//!
//! Text is mapped to glyphs here, one glyph per character with the font's own advance (no
//! shaping: Cyrillic and Latin need none, and the Kazakh letters are precomposed), so the width
//! measured for wrapping and right-aligning is exactly the width drawn.

use chrono::NaiveDate;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::sync::Arc;

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// A face of the bundled font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
}

/// One face: parsed for measuring, and as krilla's font for drawing.
struct Face {
    parsed: ttf_parser::Face<'static>,
    units_per_em: f32,
    font: Font,
}

impl Face {
    fn new(data: &'static [u8]) -> crate::Result<Self> {
        let parsed = ttf_parser::Face::parse(data, 0).map_err(|e| crate::Error::Pdf(format!("the font: {e}")))?;
        let units_per_em = f32::from(parsed.units_per_em());
        let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data);
        let font =
            Font::new(shared.into(), 0).ok_or_else(|| crate::Error::Pdf("the font: krilla cannot read it".into()))?;
        Ok(Self { parsed, units_per_em, font })
    }

    /// The glyph and the advance (in em) of a character; a character the font lacks is drawn as
    /// the font's "missing" box.
    fn glyph(&self, c: char) -> (u16, f32) {
        let id = self.parsed.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let advance = self.parsed.glyph_hor_advance(id).unwrap_or(0);
        (id.0, f32::from(advance) / self.units_per_em)
    }
}

/// Both faces of the bundled font.
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub fn new() -> crate::Result<Self> {
        Ok(Self { regular: Face::new(REGULAR)?, bold: Face::new(BOLD)? })
    }

    fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    /// krilla's font for a face.
    pub(crate) fn font(&self, style: Style) -> Font {
        self.face(style).font.clone()
    }

    /// Whether the font draws `c` (not its "missing" box).
    pub fn has(&self, c: char) -> bool {
        self.regular.parsed.glyph_index(c).is_some() && self.bold.parsed.glyph_index(c).is_some()
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let face = self.face(style);
        text.chars().map(|c| face.glyph(c).1).sum::<f32>() * size
    }

    /// The glyphs that draw `text`, each knowing the text it stands for (so the PDF's text can
    /// be selected and extracted).
    pub(crate) fn glyphs(&self, style: Style, text: &str) -> Vec<KrillaGlyph> {
        let face = self.face(style);
        text.char_indices()
            .map(|(at, c)| {
                let (id, advance) = face.glyph(c);
                KrillaGlyph::new(GlyphId::new(u32::from(id)), advance, 0.0, 0.0, 0.0, at..at + c.len_utf8(), None)
            })
            .collect()
    }

    /// `text` broken into lines no wider than `width` points: at spaces, and inside a word only
    /// when the word alone is wider. Explicit line breaks are kept. Never returns no lines.
    pub fn wrap(&self, style: Style, size: f32, text: &str, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            let space = self.width(style, size, " ");
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let word_width = self.width(style, size, word);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_width + gap + word_width <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width += gap + word_width;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if word_width <= width {
                    line.push_str(word);
                    line_width = word_width;
                    continue;
                }
                // A word wider than the line: as many characters as fit on each line.
                for c in word.chars() {
                    let w = self.width(style, size, c.encode_utf8(&mut [0; 4]));
                    if line_width + w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += w;
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// The no-break space that groups thousands (`1 234 567,89 ₸`) and keeps the sign with `₸`.
pub const GROUP: char = '\u{a0}';

/// Tiyn as Russian-formatted tenge: `1 234 567,89 ₸`, `-0,50 ₸` (no-break spaces).
pub fn money(tiyn: i64) -> String {
    format!("{}{GROUP}₸", amount(tiyn))
}

/// Tiyn as a Russian-formatted amount without the currency sign: `1 234 567,89`.
pub fn amount(tiyn: i64) -> String {
    let abs = tiyn.unsigned_abs();
    let sign = if tiyn < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", grouped(abs / 100), abs % 100)
}

/// A whole number with no-break-space thousands: `12 345`.
pub fn integer(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", grouped(n.unsigned_abs()))
}

/// A number with two decimals, Russian style: `1 234,50`.
pub fn decimal(x: f64) -> String {
    let hundredths = (x * 100.0).round();
    let sign = if hundredths < 0.0 { "-" } else { "" };
    let abs = hundredths.abs() as u64;
    format!("{sign}{},{:02}", grouped(abs / 100), abs % 100)
}

fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(GROUP);
        }
        out.push(d);
    }
    out
}

/// `dd.mm.yyyy`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_number_formats() {
        assert_eq!(money(123_456_789), "1\u{a0}234\u{a0}567,89\u{a0}₸");
        assert_eq!(money(-50), "-0,50\u{a0}₸");
        assert_eq!(money(0), "0,00\u{a0}₸");
        assert_eq!(amount(100_000), "1\u{a0}000,00");
        assert_eq!(amount(99_999), "999,99");
        assert_eq!(integer(-12_345), "-12\u{a0}345");
        assert_eq!(decimal(1234.5), "1\u{a0}234,50");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()), "31.01.2026");
    }

    #[test]
    fn the_font_has_cyrillic_kazakh_and_tenge() {
        let fonts = Fonts::new().unwrap();
        for c in "АаЯяЁёӘәҒғҚқҢңӨөҰұҮүҺһІі₸№«»—\u{a0}".chars() {
            assert!(fonts.has(c), "{c:?} (U+{:04X}) is missing", c as u32);
        }
        assert!(!fonts.has('\u{10FFFF}'));
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let fonts = Fonts::new().unwrap();
        let text = "Абонентская плата по тарифу «Бизнес 5000» за январь";
        let lines = fonts.wrap(Style::Regular, 9.0, text, 100.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| fonts.width(Style::Regular, 9.0, l) <= 100.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        let long = "Ә".repeat(80);
        let lines = fonts.wrap(Style::Bold, 9.0, &long, 50.0);
        assert!(lines.len() > 5 && lines.concat() == long);
        assert_eq!(fonts.wrap(Style::Regular, 9.0, "", 50.0), [""]);
        assert_eq!(fonts.wrap(Style::Regular, 9.0, "a\nb", 50.0), ["a", "b"]);
    }
}
