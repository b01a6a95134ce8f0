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
audit-lead = Кожна зміна стану на платформі записується сюди. Кожен запис містить хеш попереднього, тож непомітно змінити чи вилучити запис неможливо.
audit-verify-link = Перевірити цілісність журналу
audit-filter-competition = Ідентифікатор конкурсу
audit-filter-competition-hint = Залиште порожнім, щоб бачити всі записи.
audit-filter-submit = Показати
audit-hash = Хеш запису
audit-prev-hash = Хеш попереднього
audit-details-hash = Хеш подробиць
audit-empty = Записів немає.
audit-older = Попередні записи
audit-verify-title = Перевірка журналу аудиту
audit-verify-tag-ok = Цілісний
audit-verify-tag-broken = Пошкоджений
audit-verify-how = Перевірка щойно перерахувала хеш кожного запису від першого до останнього. Правило обчислення описано в документації; його можна повторити самостійно за опублікованими даними.
audit-details-deferred = Подробиці буде оприлюднено разом із результатами конкурсу; їхній хеш SHA-256 уже входить до ланцюжка.
