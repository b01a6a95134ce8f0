//! Small helpers over `scraper` for asserting on rendered pages.

pub struct Html(scraper::Html);

impl Html {
    pub fn parse(body: &str) -> Html {
        Html(scraper::Html::parse_document(body))
    }

    fn sel(css: &str) -> scraper::Selector {
        scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
    }

    /// Text of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.0
            .select(&Self::sel(css))
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css}"))
    }

    pub fn count(&self, css: &str) -> usize {
        self.0.select(&Self::sel(css)).count()
    }

    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.0
            .select(&Self::sel(css))
            .next()
            .and_then(|e| e.value().attr(name))
            .map(str::to_string)
    }
}
