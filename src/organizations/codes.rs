//! Fixed lists stored as codes and shown translated: the legal forms of
//! civil-society institutions, and Ukraine's regions (ISO 3166-2:UA).

/// Legal forms of civil-society institutions (Law of Ukraine "On Public
/// Associations", "On Charitable Activity …", etc.). Stored as these codes;
/// the Fluent message `organizations-form-<code>` names each.
pub const LEGAL_FORMS: [&str; 8] = [
    "public_organization", // громадська організація
    "public_union",        // громадська спілка
    "charity",             // благодійна організація
    "religious",           // релігійна організація
    "creative_union",      // творча спілка
    "trade_union",         // професійна спілка
    "association",         // асоціація
    "other",               // інше
];

/// The 24 oblasts, the Autonomous Republic of Crimea and the cities of Kyiv
/// and Sevastopol, by ISO 3166-2:UA code, in the Constitution's order
/// (art. 133). The Fluent message `organizations-oblast-<code lowercased>`
/// names each.
pub const OBLASTS: [&str; 27] = [
    "UA-43", // Автономна Республіка Крим
    "UA-05", // Вінницька
    "UA-07", // Волинська
    "UA-12", // Дніпропетровська
    "UA-14", // Донецька
    "UA-18", // Житомирська
    "UA-21", // Закарпатська
    "UA-23", // Запорізька
    "UA-26", // Івано-Франківська
    "UA-32", // Київська
    "UA-35", // Кіровоградська
    "UA-09", // Луганська
    "UA-46", // Львівська
    "UA-48", // Миколаївська
    "UA-51", // Одеська
    "UA-53", // Полтавська
    "UA-56", // Рівненська
    "UA-59", // Сумська
    "UA-61", // Тернопільська
    "UA-63", // Харківська
    "UA-65", // Херсонська
    "UA-68", // Хмельницька
    "UA-71", // Черкаська
    "UA-77", // Чернівецька
    "UA-74", // Чернігівська
    "UA-30", // м. Київ
    "UA-40", // м. Севастополь
];

pub fn is_legal_form(code: &str) -> bool {
    LEGAL_FORMS.contains(&code)
}

pub fn is_oblast(code: &str) -> bool {
    OBLASTS.contains(&code)
}

pub fn legal_form_key(code: &str) -> String {
    format!("organizations-form-{code}")
}

pub fn oblast_key(code: &str) -> String {
    format!("organizations-oblast-{}", code.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::I18n;
    use crate::web::lang::Lang;

    #[test]
    fn every_code_is_unique_and_translated() {
        let i18n = I18n::load().unwrap();
        let forms: std::collections::HashSet<_> = LEGAL_FORMS.iter().collect();
        let oblasts: std::collections::HashSet<_> = OBLASTS.iter().collect();
        assert_eq!(forms.len(), LEGAL_FORMS.len());
        assert_eq!(oblasts.len(), 27);
        for lang in Lang::ALL {
            for code in LEGAL_FORMS {
                assert!(i18n.has(lang, &legal_form_key(code)), "{code} {lang:?}");
            }
            for code in OBLASTS {
                assert!(i18n.has(lang, &oblast_key(code)), "{code} {lang:?}");
            }
        }
        assert!(is_oblast("UA-30") && !is_oblast("UA-99") && !is_oblast("ua-30"));
        assert!(is_legal_form("charity") && !is_legal_form("llc"));
    }
}
