# Closing the review, deliberation, overrides and finalization (issue 6).

verdict-close-title = Завершення оцінювання
verdict-close-complete = Усі призначені оцінки виставлено (або експерти взяли самовідвід). Після завершення оцінювання ви побачите рейтинг.
verdict-close-confirm = Завершити оцінювання
verdict-close-incomplete = Не всі призначені оцінки виставлено. Завершити оцінювання достроково можна лише з письмовим обґрунтуванням; воно та перелік невиставлених оцінок будуть оприлюднені разом із результатами.
verdict-missing-caption = Невиставлені оцінки
verdict-col-juror = Експерт
verdict-col-number = Реєстраційний номер
verdict-col-title = Назва проєкту
verdict-field-close-reason = Обґрунтування дострокового завершення
verdict-field-close-reason-hint = Буде оприлюднено разом із результатами.
verdict-close-early = Завершити оцінювання достроково
verdict-err-close-reason-required = Вкажіть, чому оцінювання завершується без цих оцінок.
verdict-closed = Оцінювання завершено. Почалося обговорення результатів.
verdict-manage-deliberation-link = Рейтинг і обговорення результатів

verdict-refused-not-closed = Рейтинг доступний після завершення оцінювання.
verdict-refused-state = Змінювати результати можна лише під час обговорення.
verdict-refused-finalized = Результати вже затверджено: змінити їх не можна.

verdict-deliberation-title = Рейтинг і обговорення
verdict-deliberation-lead = Рейтинг обчислено за опублікованими правилами конкурсу. Оцінки видно лише вам; оприлюднення — окремий крок після затвердження.
verdict-fund = Фонд конкурсу
verdict-fund-used = Розподілено
verdict-fund-remaining = Залишок фонду
verdict-pass-mark = Прохідний бал
verdict-divergence-threshold = Поріг розбіжності оцінок
verdict-review-closed-at = Оцінювання завершено
verdict-rounds = Раунд оцінювання, що враховується
verdict-early-close-title = Оцінювання завершено достроково
verdict-rating-title = Рейтинг
verdict-col-rank = Місце
verdict-col-proposal = Проєкт
verdict-col-requested = Запитано
verdict-col-aggregate = Оцінка
verdict-col-juror-totals = Суми балів експертів
verdict-col-flags = Позначки
verdict-col-computed = За правилом
verdict-col-awarded = Рішення
verdict-col-why = Чому
verdict-col-actions = Дії
verdict-computed-why = За правилом:
verdict-override-link = Змінити рішення
verdict-withdrawn-count = Відкликано заявником:

verdict-flag-no-scores = немає оцінок
verdict-flag-not-admitted = не допущено
verdict-flag-below-pass-mark = нижче прохідного балу
verdict-flag-divergent = розбіжність оцінок
verdict-flag-incomplete = не всі оцінки
verdict-flag-tie-broken = рівність балів
verdict-flag-overridden = рішення організатора

verdict-finalize-title = Затвердження результатів
verdict-finalize-lead = Після затвердження результати буде зафіксовано як документ із хешем SHA-256; змінити їх буде неможливо.
verdict-finalize = Затвердити результати
verdict-finalized = Результати затверджено.
verdict-finalized-at = Затверджено
verdict-results-hash = SHA-256 документа результатів:
verdict-download = Завантажити документ результатів (JSON)

verdict-override-title = Рішення організатора
verdict-override-lead = Ви можете призначити іншу суму або не фінансувати проєкт. Обґрунтування обов’язкове і буде оприлюднене разом із результатами.
verdict-field-action = Рішення
verdict-action-award = Призначити іншу суму
verdict-action-exclude = Не фінансувати
verdict-field-amount = Сума, грн
verdict-field-amount-hint = Наприклад, 1 234,50. Не більше запитаної суми та граничної суми на один проєкт.
verdict-field-override-reason = Обґрунтування
verdict-field-override-reason-hint = Буде оприлюднено разом із результатами.
verdict-override-save = Зберегти рішення
verdict-override-remove = Скасувати рішення організатора
verdict-override-saved = Рішення збережено.
verdict-override-removed = Рішення організатора скасовано.
verdict-back-to-deliberation = До рейтингу

verdict-err-action-required = Оберіть рішення.
verdict-err-amount-invalid = Вкажіть суму числом, наприклад 1 234,50.
verdict-err-amount-decimals = Копійок може бути не більше двох знаків.
verdict-err-amount-positive = Сума має бути більшою за нуль. Щоб не фінансувати проєкт, оберіть «Не фінансувати».
verdict-err-amount-over-request = Сума не може перевищувати запитану ({ $requested }).
verdict-err-amount-over-cap = Сума не може перевищувати граничну суму на один проєкт ({ $cap }).
verdict-err-over-fund = Разом із цим рішенням розподілено б більше, ніж фонд конкурсу ({ $fund }).
verdict-err-not-fundable = Фінансувати можна лише допущений проєкт з оцінкою не нижче прохідного балу.
verdict-err-override-reason-required = Вкажіть обґрунтування рішення.
