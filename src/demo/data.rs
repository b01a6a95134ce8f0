//! The demo's people, organizations and texts: realistic Ukrainian data,
//! deterministic (the same demo every time), with valid EDRPOU codes.

use crate::organizations::edrpou;

/// A demo NGO: full name, short name, legal form code, oblast code, city.
pub struct Ngo {
    pub full_name: String,
    pub short_name: String,
    pub legal_form: &'static str,
    pub oblast: &'static str,
    pub city: &'static str,
    pub edrpou: String,
    pub registered_on: String,
}

const NAMES: [(&str, &str, &str); 44] = [
    ("Молодь Полтавщини", "UA-53", "Полтава"),
    ("Зелений Львів", "UA-46", "Львів"),
    ("Громада Поділля", "UA-05", "Вінниця"),
    ("Ініціатива Прикарпаття", "UA-26", "Івано-Франківськ"),
    ("Доступне місто", "UA-30", "Київ"),
    ("Ветеранський простір", "UA-12", "Дніпро"),
    ("Жінки Херсонщини", "UA-65", "Херсон"),
    ("Відкритий Житомир", "UA-18", "Житомир"),
    ("Чиста Десна", "UA-74", "Чернігів"),
    ("Сумська агенція розвитку громад", "UA-59", "Суми"),
    ("Буковинська правова ініціатива", "UA-77", "Чернівці"),
    ("Волинь без бар'єрів", "UA-07", "Луцьк"),
    ("Закарпатський молодіжний центр", "UA-21", "Ужгород"),
    ("Запорізька громадянська платформа", "UA-23", "Запоріжжя"),
    ("Кропивницький урбан-клуб", "UA-35", "Кропивницький"),
    ("Миколаїв — місто можливостей", "UA-48", "Миколаїв"),
    ("Одеський центр медіаграмотності", "UA-51", "Одеса"),
    ("Рівненська мережа волонтерів", "UA-56", "Рівне"),
    ("Тернопільська освітня ліга", "UA-61", "Тернопіль"),
    (
        "Харківська правозахисна група «Світанок»",
        "UA-63",
        "Харків",
    ),
    ("Хмельницький центр інклюзії", "UA-68", "Хмельницький"),
    ("Черкаська спілка краєзнавців", "UA-71", "Черкаси"),
    ("Київщина читає", "UA-32", "Біла Церква"),
    ("Донбас — освітній простір", "UA-14", "Краматорськ"),
    ("Луганська громада в дії", "UA-09", "Сєвєродонецьк"),
    ("Кримська ініціатива діалогу", "UA-30", "Київ"),
    ("Цифрова громада", "UA-30", "Київ"),
    ("Бібліотеки майбутнього", "UA-46", "Дрогобич"),
    ("Поліська екологічна варта", "UA-18", "Коростень"),
    ("Карпатська стежка", "UA-26", "Коломия"),
    ("Степова спадщина", "UA-48", "Первомайськ"),
    ("Сільська рада молоді", "UA-53", "Кременчук"),
    ("Центр підтримки ВПО «Разом»", "UA-12", "Кривий Ріг"),
    ("Мистецька резиденція «Причал»", "UA-51", "Ізмаїл"),
    ("Спортивна громада Рівненщини", "UA-56", "Дубно"),
    ("Дитячий простір «Сонях»", "UA-71", "Умань"),
    (
        "Агенція місцевих ініціатив Буковини",
        "UA-77",
        "Сторожинець",
    ),
    ("Волонтерський штаб Слобожанщини", "UA-63", "Лозова"),
    (
        "Подільська школа лідерства",
        "UA-68",
        "Кам'янець-Подільський",
    ),
    ("Житомирський клуб інженерів", "UA-18", "Бердичів"),
    ("Волинський центр медіації", "UA-07", "Ковель"),
    ("Тернопільська громада без бар'єрів", "UA-61", "Чортків"),
    ("Українська мережа відкритих даних", "UA-30", "Київ"),
    ("Херсонський центр відбудови", "UA-65", "Херсон"),
];

/// A valid EDRPOU code for the `n`-th demo organization: seven digits
/// spread over the 2xxx… and 4xxx… ranges, then the check digit.
pub fn edrpou_code(n: usize) -> String {
    let first7 = if n % 2 == 0 {
        2_170_000 + n * 7_919
    } else {
        4_090_000 + n * 6_481
    };
    (0..=9)
        .map(|d| format!("{first7:07}{d}"))
        .find(|code| edrpou::parse(code).is_ok())
        .unwrap_or_else(|| format!("{first7:07}0"))
}

/// Up to 44 distinct NGOs, the `n`-th always the same.
pub fn ngos(count: usize) -> Vec<Ngo> {
    NAMES
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, (name, oblast, city))| {
            let legal_form = match i % 7 {
                3 => "charity",
                _ => "public_organization",
            };
            let prefix = match legal_form {
                "charity" => "Благодійна організація",
                _ => "Громадська організація",
            };
            Ngo {
                full_name: format!("{prefix} «{name}»"),
                short_name: format!(
                    "{}«{name}»",
                    if legal_form == "charity" {
                        "БО "
                    } else {
                        "ГО "
                    }
                ),
                legal_form,
                oblast,
                city,
                edrpou: edrpou_code(i),
                registered_on: format!("{}-{:02}-{:02}", 2012 + i % 11, 1 + i % 12, 1 + i % 27),
            }
        })
        .collect()
}

/// A person's name for the `n`-th demo account.
pub fn person(n: usize) -> String {
    const FIRST: [&str; 12] = [
        "Олена",
        "Андрій",
        "Ірина",
        "Тарас",
        "Наталія",
        "Богдан",
        "Оксана",
        "Максим",
        "Юлія",
        "Дмитро",
        "Софія",
        "Роман",
    ];
    const LAST: [&str; 11] = [
        "Коваленко",
        "Шевчук",
        "Бондар",
        "Ткаченко",
        "Мельник",
        "Кравець",
        "Олійник",
        "Лисенко",
        "Гончар",
        "Савченко",
        "Руденко",
    ];
    format!(
        "{} {}",
        FIRST[n % FIRST.len()],
        LAST[(n * 7 + n / FIRST.len()) % LAST.len()]
    )
}

/// Title, summary and target audience of the `n`-th demo proposal under a
/// priority (0-based).
pub fn project(n: usize, priority: usize, city: &str) -> (String, String, String) {
    const TOPICS: [[(&str, &str); 4]; 3] = [
        [
            ("Школа громадянської освіти", "молодь 14–25 років"),
            ("Медіаграмотність для старших", "люди віком 60+"),
            (
                "Відкриті уроки місцевого самоврядування",
                "учні старших класів",
            ),
            ("Бібліотека як центр громади", "мешканці громади"),
        ],
        [
            ("Волонтерський хаб", "волонтери та ВПО"),
            ("Разом відбудуємо", "мешканці постраждалих сіл"),
            ("Підтримка ветеранських родин", "ветерани та їхні родини"),
            ("Інклюзивний простір", "люди з інвалідністю"),
        ],
        [
            ("Відкриті дані громади", "активісти й журналісти"),
            ("Громадський бюджет онлайн", "мешканці громади"),
            (
                "Прозорі закупівлі громади",
                "депутати й громадські організації",
            ),
            ("Цифрові навички для громади", "працівники ЦНАП"),
        ],
    ];
    let (topic, audience) = TOPICS[priority % 3][n % 4];
    (
        format!("{topic}: {city}"),
        format!(
            "Проєкт «{topic}» у місті {city}: серія заходів, навчання та публічний звіт про результати для громади."
        ),
        audience.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn demo_edrpou_codes_are_valid_and_distinct() {
        let codes: Vec<String> = (0..NAMES.len()).map(edrpou_code).collect();
        for c in &codes {
            assert!(edrpou::parse(c).is_ok(), "{c}");
        }
        assert_eq!(codes.iter().collect::<HashSet<_>>().len(), codes.len());
    }

    #[test]
    fn demo_ngos_are_distinct_and_in_known_oblasts() {
        let ngos = ngos(44);
        assert_eq!(ngos.len(), 44);
        let names: HashSet<_> = ngos.iter().map(|n| n.full_name.clone()).collect();
        assert_eq!(names.len(), 44);
        for n in &ngos {
            assert!(
                crate::organizations::codes::is_oblast(n.oblast),
                "{}",
                n.oblast
            );
            assert!(crate::organizations::codes::is_legal_form(n.legal_form));
        }
    }
}
