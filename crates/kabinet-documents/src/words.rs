//! An amount written in Russian words, as accountants expect it on every act ("Всего оказано
//! услуг на сумму: Тридцать восемь тысяч восемьсот семьдесят один тенге 60 тиын").
//!
//! Why by hand: no maintained Rust crate writes Russian numerals, and the rule is small and
//! closed: groups of three digits, each named with its scale word in the right form (одна тысяча,
//! две тысячи, пять тысяч; один миллион, два миллиона, пять миллионов), the thousands feminine
//! and the rest masculine (тенге is masculine: один тенге, два тенге), tiyn as two digits
//! (the way payment documents write kopecks). Tested on the forms' edge cases in this module.

/// Units in the masculine (index = digit), then the feminine forms of 1 and 2.
const UNITS: [&str; 10] = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
const UNITS_FEMININE: [&str; 3] = ["", "одна", "две"];
const TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const TENS: [&str; 10] =
    ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"];
const HUNDREDS: [&str; 10] =
    ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];

/// A scale word's three forms: for 1 (21, 101…), for 2–4 (22…), for 5–20 and 0 (25, 11…).
type Forms = [&'static str; 3];

/// Scales from thousands up, with their gender (true: feminine).
const SCALES: [(Forms, bool); 5] = [
    (["тысяча", "тысячи", "тысяч"], true),
    (["миллион", "миллиона", "миллионов"], false),
    (["миллиард", "миллиарда", "миллиардов"], false),
    (["триллион", "триллиона", "триллионов"], false),
    (["квадриллион", "квадриллиона", "квадриллионов"], false),
];

/// The form a count takes: 1 → the first, 2–4 → the second, else the third (11–14 too).
pub fn plural(n: u64, forms: Forms) -> &'static str {
    match (n % 100, n % 10) {
        (11..=14, _) => forms[2],
        (_, 1) => forms[0],
        (_, 2..=4) => forms[1],
        _ => forms[2],
    }
}

/// One group of three digits (1–999) in words.
fn group(n: u64, feminine: bool, out: &mut Vec<&'static str>) {
    let (hundreds, rest) = ((n / 100) as usize, n % 100);
    if hundreds > 0 {
        out.push(HUNDREDS[hundreds]);
    }
    match rest {
        10..=19 => out.push(TEENS[(rest - 10) as usize]),
        _ => {
            let (tens, units) = ((rest / 10) as usize, (rest % 10) as usize);
            if tens > 0 {
                out.push(TENS[tens]);
            }
            if units > 0 {
                out.push(if feminine && units <= 2 { UNITS_FEMININE[units] } else { UNITS[units] });
            }
        }
    }
}

/// A whole number in words, lower case, masculine: 0 → "ноль", 2000 → "две тысячи",
/// 1_000_000 → "один миллион".
pub fn number(n: u64) -> String {
    if n == 0 {
        return "ноль".into();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 1000);
        rest /= 1000;
    }
    let mut words = Vec::new();
    for (i, g) in groups.iter().enumerate().rev() {
        if *g == 0 {
            continue;
        }
        match i.checked_sub(1).and_then(|s| SCALES.get(s)) {
            None => group(*g, false, &mut words),
            Some((forms, feminine)) => {
                group(*g, *feminine, &mut words);
                words.push(plural(*g, *forms));
            }
        }
    }
    words.join(" ")
}

/// An amount in tiyn as a document writes it: the tenge in words with a capital letter, then
/// the tiyn in two digits: 3_887_160 → "Тридцать восемь тысяч восемьсот семьдесят один тенге
/// 60 тиын"; a negative amount starts with "Минус".
pub fn tenge(tiyn: i64) -> String {
    let abs = tiyn.unsigned_abs();
    let words = format!("{} тенге {:02} тиын", number(abs / 100), abs % 100);
    let words = if tiyn < 0 { format!("минус {words}") } else { words };
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_and_their_teens() {
        let cases = [
            (0, "ноль"),
            (1, "один"),
            (2, "два"),
            (5, "пять"),
            (10, "десять"),
            (11, "одиннадцать"),
            (14, "четырнадцать"),
            (19, "девятнадцать"),
            (20, "двадцать"),
            (21, "двадцать один"),
            (40, "сорок"),
            (99, "девяносто девять"),
            (100, "сто"),
            (101, "сто один"),
            (111, "сто одиннадцать"),
            (200, "двести"),
            (999, "девятьсот девяносто девять"),
        ];
        for (n, words) in cases {
            assert_eq!(number(n), words, "{n}");
        }
    }

    #[test]
    fn thousands_are_feminine_and_take_their_form() {
        let cases = [
            (1000, "одна тысяча"),
            (1001, "одна тысяча один"),
            (2000, "две тысячи"),
            (2002, "две тысячи два"),
            (3000, "три тысячи"),
            (4000, "четыре тысячи"),
            (5000, "пять тысяч"),
            (11_000, "одиннадцать тысяч"),
            (12_000, "двенадцать тысяч"),
            (21_000, "двадцать одна тысяча"),
            (22_000, "двадцать две тысячи"),
            (25_000, "двадцать пять тысяч"),
            (101_000, "сто одна тысяча"),
            (111_000, "сто одиннадцать тысяч"),
            (38_871, "тридцать восемь тысяч восемьсот семьдесят один"),
        ];
        for (n, words) in cases {
            assert_eq!(number(n), words, "{n}");
        }
    }

    #[test]
    fn millions_and_up_are_masculine() {
        let cases = [
            (1_000_000, "один миллион"),
            (2_000_000, "два миллиона"),
            (5_000_000, "пять миллионов"),
            (11_000_000, "одиннадцать миллионов"),
            (21_000_000, "двадцать один миллион"),
            (1_001_001, "один миллион одна тысяча один"),
            (2_002_002, "два миллиона две тысячи два"),
            (1_000_000_000, "один миллиард"),
            (3_000_000_000_000, "три триллиона"),
            (5_000_000_000_000_000, "пять квадриллионов"),
            (1_000_000_001, "один миллиард один"),
        ];
        for (n, words) in cases {
            assert_eq!(number(n), words, "{n}");
        }
    }

    #[test]
    fn amounts_in_tenge_and_tiyn() {
        let cases = [
            (0, "Ноль тенге 00 тиын"),
            (1, "Ноль тенге 01 тиын"),
            (100, "Один тенге 00 тиын"),
            (200, "Два тенге 00 тиын"),
            (500, "Пять тенге 00 тиын"),
            (1_100, "Одиннадцать тенге 00 тиын"),
            (2_105, "Двадцать один тенге 05 тиын"),
            (10_199, "Сто один тенге 99 тиын"),
            (100_000, "Одна тысяча тенге 00 тиын"),
            (200_050, "Две тысячи тенге 50 тиын"),
            (500_000, "Пять тысяч тенге 00 тиын"),
            (100_000_000, "Один миллион тенге 00 тиын"),
            (3_887_160, "Тридцать восемь тысяч восемьсот семьдесят один тенге 60 тиын"),
            (-250, "Минус два тенге 50 тиын"),
        ];
        for (tiyn, words) in cases {
            assert_eq!(tenge(tiyn), words, "{tiyn}");
        }
        // The largest amount there is has words too.
        assert!(tenge(i64::MIN).starts_with("Минус девяносто два квадриллиона"), "{}", tenge(i64::MIN));
    }
}
