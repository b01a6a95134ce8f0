//! EDRPOU codes (ЄДРПОУ): 8 digits, the last a check digit computed by the
//! State Statistics Service's rule. Pure functions; no I/O.

use std::fmt;

/// A valid EDRPOU code (8 digits, check digit verified).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Edrpou(String);

impl Edrpou {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Edrpou {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a string is not a valid EDRPOU code; each has its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdrpouError {
    Empty,
    /// Something other than the digits 0–9 (spaces inside count too).
    NotDigits,
    /// All digits, but not eight of them.
    WrongLength(usize),
    /// Eight digits whose last one does not match the others.
    CheckDigit,
}

impl EdrpouError {
    /// The Fluent message id (`locales/*/organizations.ftl`).
    pub fn message_key(self) -> &'static str {
        match self {
            EdrpouError::Empty => "organizations-edrpou-required",
            EdrpouError::NotDigits => "organizations-edrpou-not-digits",
            EdrpouError::WrongLength(_) => "organizations-edrpou-length",
            EdrpouError::CheckDigit => "organizations-edrpou-check-digit",
        }
    }
}

/// Checks a code as typed (surrounding whitespace ignored).
pub fn parse(input: &str) -> Result<Edrpou, EdrpouError> {
    let code = input.trim();
    if code.is_empty() {
        return Err(EdrpouError::Empty);
    }
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(EdrpouError::NotDigits);
    }
    if code.len() != 8 {
        return Err(EdrpouError::WrongLength(code.len()));
    }
    let digits: Vec<u32> = code.bytes().map(|b| u32::from(b - b'0')).collect();
    if check_digit(&digits[..7]) != digits[7] {
        return Err(EdrpouError::CheckDigit);
    }
    Ok(Edrpou(code.to_string()))
}

/// The check digit of the first seven digits. Weights 1..7, or 7,1..6 for
/// codes from 30000000 to 59999999; the weighted sum mod 11; if that is 10,
/// every weight grows by 2 and the result is the new sum mod 11, mod 10.
fn check_digit(first7: &[u32]) -> u32 {
    let shifted = (3..=5).contains(&first7[0]);
    let weights: [u32; 7] = if shifted {
        [7, 1, 2, 3, 4, 5, 6]
    } else {
        [1, 2, 3, 4, 5, 6, 7]
    };
    let sum = |extra: u32| -> u32 {
        first7
            .iter()
            .zip(weights)
            .map(|(d, w)| d * (w + extra))
            .sum::<u32>()
            % 11
    };
    match sum(0) {
        10 => sum(2) % 10,
        r => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_vectors_are_valid() {
        for code in ["00019442", "00729511", "05528906", "32855961", "33951844"] {
            assert_eq!(parse(code).map(|c| c.to_string()), Ok(code.to_string()));
        }
        assert_eq!(parse(" 32855961\n").unwrap().as_str(), "32855961");
    }

    #[test]
    fn wrong_check_digit_is_refused() {
        assert_eq!(parse("32855968"), Err(EdrpouError::CheckDigit));
        assert_eq!(parse("00019443"), Err(EdrpouError::CheckDigit));
    }

    #[test]
    fn each_other_failure_has_its_own_reason() {
        assert_eq!(parse(""), Err(EdrpouError::Empty));
        assert_eq!(parse("   "), Err(EdrpouError::Empty));
        assert_eq!(parse("3285596a"), Err(EdrpouError::NotDigits));
        assert_eq!(parse("3285 5961"), Err(EdrpouError::NotDigits));
        assert_eq!(parse("-3285596"), Err(EdrpouError::NotDigits));
        assert_eq!(parse("３２８５５９６１"), Err(EdrpouError::NotDigits));
        assert_eq!(parse("1944"), Err(EdrpouError::WrongLength(4)));
        assert_eq!(parse("328559610"), Err(EdrpouError::WrongLength(9)));
        let keys: std::collections::HashSet<_> = [
            EdrpouError::Empty,
            EdrpouError::NotDigits,
            EdrpouError::WrongLength(7),
            EdrpouError::CheckDigit,
        ]
        .iter()
        .map(|e| e.message_key())
        .collect();
        assert_eq!(keys.len(), 4, "a distinct message for each failure");
    }

    #[test]
    fn weights_shift_only_for_30000000_to_59999999() {
        // The same first seven digits need a different check digit once the
        // code falls into the shifted range: computed by hand.
        // 2999999x: 2*1+9*(2+3+4+5+6+7) = 245, 245 % 11 = 3.
        assert_eq!(check_digit(&[2, 9, 9, 9, 9, 9, 9]), 3);
        // 3000000x: 3*7 = 21, 21 % 11 = 10 → 3*9 = 27, 27 % 11 = 5.
        assert_eq!(check_digit(&[3, 0, 0, 0, 0, 0, 0]), 5);
        // 5999999x: 5*7+9*(1+..+6) = 224, 224 % 11 = 4.
        assert_eq!(check_digit(&[5, 9, 9, 9, 9, 9, 9]), 4);
        // 6000000x: 6*1 = 6.
        assert_eq!(check_digit(&[6, 0, 0, 0, 0, 0, 0]), 6);
        assert!(parse("30000005").is_ok());
        assert!(parse("60000006").is_ok());
    }

    #[test]
    fn remainder_ten_takes_the_second_round() {
        // 0000020x: 2*5 = 10 → weights + 2: 2*7 = 14, 14 % 11 = 3.
        assert_eq!(check_digit(&[0, 0, 0, 0, 2, 0, 0]), 3);
        assert!(parse("00002003").is_ok());
        // 0000281x: 2*5+8*6+1*7 = 65, 65 % 11 = 10 → 2*7+8*8+1*9 = 87,
        // 87 % 11 = 10, and 10 % 10 = 0.
        assert_eq!(check_digit(&[0, 0, 0, 0, 2, 8, 1]), 0);
        assert!(parse("00002810").is_ok());
    }
}
