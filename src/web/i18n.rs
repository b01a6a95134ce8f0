//! Fluent message bundles, one per language, embedded in the binary.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use rust_embed::RustEmbed;

use super::lang::Lang;

#[derive(RustEmbed)]
#[folder = "locales/"]
#[include = "*.ftl"]
struct Locales;

pub struct I18n {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl I18n {
    /// Loads every `locales/<lang>/*.ftl`; a syntax error or a duplicate
    /// message stops the start with the file name.
    pub fn load() -> Result<Self, String> {
        let mut bundles = HashMap::new();
        for lang in Lang::ALL {
            let langid = lang.code().parse().map_err(|e| format!("{e:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks would end up inside attributes and e-mails.
            bundle.set_use_isolating(false);
            let prefix = format!("{}/", lang.code());
            let mut names: Vec<_> = Locales::iter().filter(|n| n.starts_with(&prefix)).collect();
            names.sort();
            for name in names {
                let file = Locales::get(&name).ok_or_else(|| format!("{name}: missing"))?;
                let text = String::from_utf8(file.data.into_owned())
                    .map_err(|_| format!("{name}: not UTF-8"))?;
                let resource = FluentResource::try_new(text)
                    .map_err(|(_, errs)| format!("{name}: {errs:?}"))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errs| format!("{name}: {errs:?}"))?;
            }
            bundles.insert(lang, bundle);
        }
        Ok(I18n { bundles })
    }

    /// Translates `key`; falls back to Ukrainian, then to the key itself.
    pub fn t(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for l in [lang, Lang::Uk] {
            let bundle = &self.bundles[&l];
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = vec![];
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(key, lang = l.code(), "fluent: {errors:?}");
                }
                return text.into_owned();
            }
        }
        tracing::warn!(key, lang = lang.code(), "missing translation");
        key.to_string()
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundles[&lang].has_message(key)
    }

    /// Message ids defined for a language (for the parity test).
    pub fn keys(lang: Lang) -> Vec<String> {
        let prefix = format!("{}/", lang.code());
        let mut keys = vec![];
        for name in Locales::iter().filter(|n| n.starts_with(&prefix)) {
            let Some(file) = Locales::get(&name) else {
                continue;
            };
            let text = String::from_utf8_lossy(&file.data).into_owned();
            for line in text.lines() {
                let id: String = line
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if !id.is_empty() && line[id.len()..].trim_start().starts_with('=') {
                    keys.push(id);
                }
            }
        }
        keys.sort();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_define_the_same_messages() {
        let uk = I18n::keys(Lang::Uk);
        let en = I18n::keys(Lang::En);
        let missing_en: Vec<_> = uk.iter().filter(|k| !en.contains(k)).collect();
        let missing_uk: Vec<_> = en.iter().filter(|k| !uk.contains(k)).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_uk.is_empty(), "missing in uk: {missing_uk:?}");
        assert!(uk.len() > 10);
    }

    #[test]
    fn loads_and_translates() {
        let i18n = I18n::load().unwrap();
        assert_eq!(i18n.t(Lang::Uk, "site-name", None), "Конкурс");
        assert_eq!(i18n.t(Lang::En, "site-name", None), "Konkurs");
        assert_eq!(i18n.t(Lang::En, "no-such-key", None), "no-such-key");
    }
}
