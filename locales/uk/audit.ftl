audit-title = Журнал аудиту
audit-verify-ok = Журнал цілісний: { $entries } { $entries ->
        [one] запис
        [few] записи
       *[many] записів
    }, хеш останнього запису { $head }.
audit-verify-broken = Журнал пошкоджено: запис № { $seq } ({ $reason }).
audit-broken-seq-gap = бракує запису № { $expected }
audit-broken-chain-link = запис не посилається на хеш попереднього
audit-broken-details-changed = подробиці не відповідають своєму хешу SHA-256
audit-broken-entry-changed = запис не відповідає своєму хешу
audit-actor-system = система
audit-actor-cli = командний рядок
audit-details-private = Подробиці не оприлюднено; їхній хеш SHA-256 входить до ланцюжка.
