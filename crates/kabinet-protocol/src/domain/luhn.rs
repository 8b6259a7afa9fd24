//! The Luhn (mod 10) check digit, shared by IMEI and ICCID.

/// The check digit that makes `payload` followed by it pass the Luhn test.
/// `payload` must be ASCII digits.
pub fn check_digit(payload: &str) -> u8 {
    let sum: u32 = payload
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Whether the whole digit string (payload + check digit) passes the Luhn test.
pub(crate) fn is_valid(digits: &str) -> bool {
    match digits.len() {
        0 | 1 => false,
        n => check_digit(&digits[..n - 1]) == digits.as_bytes()[n - 1] - b'0',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(check_digit("7992739871"), 3);
        assert!(is_valid("79927398713"));
        assert!(!is_valid("79927398710"));
        assert_eq!(check_digit("35367807651154"), 8);
    }
}
