## Competitions: organizer pages, public pages, feed.

competitions-state-draft = Чернетка
competitions-state-announced = Оголошено
competitions-state-admissibility = Перевірка допустимості
competitions-state-review = Оцінювання
competitions-state-deliberation = Обговорення результатів
competitions-state-published = Результати оприлюднено
competitions-state-closed = Завершено
competitions-state-cancelled = Скасовано

competitions-next-draft = Заповніть усі поля й оголосіть конкурс. До оголошення конкурс бачите лише ви.
competitions-next-announced = Триває приймання пропозицій. Після кінцевого строку почніть перевірку допустимості.
competitions-next-admissibility = Перевірте подані пропозиції на допустимість, потім почніть оцінювання.
competitions-next-review = Журі оцінює пропозиції. Коли всі оцінки виставлено, перейдіть до обговорення.
competitions-next-deliberation = Затвердьте рейтинг і розподіл коштів, потім оприлюдніть результати.
competitions-next-published = Результати оприлюднено. Після звітування завершіть конкурс.
competitions-next-closed = Конкурс завершено. Дій не потрібно.
competitions-next-cancelled = Конкурс скасовано. Дій не потрібно.

competitions-step-admissibility = Почати перевірку допустимості
competitions-step-review = Почати оцінювання
competitions-step-deliberation = Завершити оцінювання й перейти до обговорення
competitions-step-publish = Оприлюднити результати
competitions-step-close = Завершити конкурс
competitions-step-admissibility-done = Приймання завершено. Почалася перевірка допустимості.
competitions-step-review-done = Почалося оцінювання.
competitions-step-deliberation-done = Оцінювання завершено. Почалося обговорення результатів.
competitions-step-publish-done = Результати оприлюднено.
competitions-step-close-done = Конкурс завершено.

competitions-draft-created = Чернетку конкурсу створено.
competitions-draft-saved = Чернетку збережено.
competitions-announced = Конкурс оголошено. Правила зафіксовано, їхній хеш оприлюднено.
competitions-cancelled = Конкурс скасовано. Причину оприлюднено.
competitions-amended = Зміну оприлюднено. Учасників повідомлено електронною поштою.

competitions-refused-frozen = Правила оголошеного конкурсу змінити не можна. Використайте публічну зміну: продовження строку, роз’яснення або збільшення фонду.
competitions-refused-changed-meanwhile = Поки ви працювали, стан конкурсу змінився. Перегляньте сторінку ще раз.
competitions-refused-admissibility-state = Перевірку допустимості можна почати лише для оголошеного конкурсу.
competitions-refused-deadline-not-passed = Перевірку допустимості можна почати лише після кінцевого строку подання.
competitions-refused-review-state = Оцінювання можна почати лише після перевірки допустимості.
competitions-refused-admissibility-pending = Не всі подані пропозиції мають рішення щодо допустимості.
competitions-refused-deliberation-state = Перейти до обговорення можна лише під час оцінювання.
competitions-refused-reviews-pending = Не всі призначені оцінки виставлено.
competitions-refused-publish-state = Оприлюднити результати можна лише після обговорення.
competitions-refused-close-state = Завершити можна лише конкурс з оприлюдненими результатами.
competitions-refused-cancel-state = Конкурс з оприлюдненими результатами скасувати не можна.
competitions-refused-amend-extend-deadline = Продовжити строк можна лише під час приймання пропозицій.
competitions-refused-amend-clarification = Роз’яснення можна додати лише до оголошеного конкурсу, який не завершено й не скасовано.
competitions-refused-amend-increase-fund = Збільшити фонд можна лише до оприлюднення результатів.
competitions-refused-extend-after-deadline = Кінцевий строк уже минув: продовження знову відкрило б подання, тому воно неможливе.

competitions-err-too-long = Скоротіть текст до { $max } символів
competitions-err-title-uk-required = Введіть назву конкурсу українською
competitions-err-description-uk-required = Введіть опис конкурсу українською
competitions-err-priorities-required = Введіть хоча б один пріоритет
competitions-err-priorities-too-many = Пріоритетів може бути не більше ніж { $max }
competitions-err-priority-too-long = Кожен пріоритет має бути не довшим за { $max } символів
competitions-err-order-number-required = Введіть номер наказу про проведення конкурсу
competitions-err-order-date-required = Введіть дату наказу
competitions-err-order-date-future = Дата наказу не може бути пізнішою за сьогодні
competitions-err-date-invalid = Введіть справжню дату, наприклад 01.04.2027
competitions-err-org-forms-required = Виберіть хоча б одну організаційно-правову форму
competitions-err-min-months-required = Введіть, скільки місяців організація має бути зареєстрована
competitions-err-min-months-invalid = Введіть ціле число від { $min } до { $max }
competitions-err-max-proposals-required = Введіть, скільки пропозицій може подати одна організація
competitions-err-max-proposals-invalid = Введіть ціле число від { $min } до { $max }
competitions-err-own-percent-invalid = Введіть ціле число відсотків від { $min } до { $max } або залиште поле порожнім
competitions-err-money-zero = Сума має бути більшою за нуль
competitions-err-money-invalid = Введіть суму в гривнях цифрами, наприклад 1 000 000 або 2500,50
competitions-err-money-decimals = Копійок може бути не більше двох знаків після коми
competitions-err-money-too-large = Сума завелика
competitions-err-fund-required = Введіть загальний обсяг фонду
competitions-err-fund-not-larger = Новий обсяг фонду має бути більшим за чинний ({ $current } грн)
competitions-err-cap-required = Введіть граничну суму на одну пропозицію
competitions-err-cap-above-fund = Гранична сума на пропозицію не може перевищувати весь фонд
competitions-err-opens-required = Введіть дату й час початку приймання пропозицій
competitions-err-closes-required = Введіть кінцевий строк подання
competitions-err-datetime-invalid = Введіть дату й час у форматі РРРР-ММ-ДД ГГ:ХХ, наприклад 2027-03-28 23:59
competitions-err-datetime-nonexistent = Такого часу в Києві цього дня немає: о 03:00 годинник переводять на 04:00. Виберіть інший час.
competitions-err-datetime-ambiguous = Цей час у Києві цього дня настає двічі (годинник переводять з 04:00 на 03:00). Виберіть інший час.
competitions-err-closes-before-opens = Кінцевий строк має бути пізнішим за початок приймання
competitions-err-closes-in-past = Кінцевий строк уже минув. Виберіть час у майбутньому.
competitions-err-review-from-required = Введіть дату початку оцінювання
competitions-err-review-until-required = Введіть дату завершення оцінювання
competitions-err-results-on-required = Введіть заплановану дату оголошення результатів
competitions-err-review-before-deadline = Оцінювання не може початися раніше за кінцевий строк подання
competitions-err-review-until-before-from = Оцінювання не може завершитися раніше, ніж почнеться
competitions-err-results-before-review = Результати не можна оголосити раніше за завершення оцінювання
competitions-err-too-many-rows = Рядків може бути не більше ніж { $max }
competitions-err-documents-required = Додайте хоча б один документ, який мають подати учасники
competitions-err-document-name-required = Введіть назву документа
competitions-err-document-size-required = Введіть найбільший розмір файлу в МБ
competitions-err-document-size-invalid = Розмір файлу — ціле число МБ від { $min } до { $max }
competitions-err-criteria-required = Додайте хоча б один критерій оцінювання
competitions-err-criterion-name-required = Введіть назву критерію
competitions-err-criterion-points-required = Введіть найбільшу кількість балів за критерієм
competitions-err-criterion-points-invalid = Найбільша кількість балів — ціле число від { $min } до { $max }
competitions-err-criterion-weight-required = Введіть вагу критерію
competitions-err-criterion-weight-invalid = Вага — ціле число від { $min } до { $max }
competitions-err-pass-mark-required = Введіть прохідний бал
competitions-err-pass-mark-invalid = Прохідний бал — ціле невід’ємне число
competitions-err-pass-mark-above-max = Прохідний бал не може перевищувати найбільшу можливу суму { $max }
competitions-err-divergence-required = Введіть поріг розбіжності оцінок
competitions-err-divergence-invalid = Поріг розбіжності — ціле число, більше за нуль
competitions-err-divergence-above-max = Поріг розбіжності не може перевищувати найбільшу можливу суму { $max }
competitions-err-aggregation-required = Виберіть, як поєднувати оцінки членів журі
competitions-err-tie-break-required = Виберіть правило для рівних балів
competitions-err-when-short-required = Виберіть, що робити, коли наступна пропозиція не вміщується у фонд
competitions-err-jury-mode-required = Виберіть, хто оцінює кожну пропозицію
competitions-err-jurors-required = Введіть, скільки членів журі оцінює кожну пропозицію
competitions-err-jurors-invalid = Кількість членів журі — ціле число від { $min } до { $max }
competitions-err-trimmed-needs-three = Для усіченого середнього потрібно щонайменше 3 членів журі на пропозицію
competitions-err-reason-required = Вкажіть причину: її буде оприлюднено
competitions-err-extend-not-later = Новий строк має бути пізнішим за чинний ({ $current }). Скорочувати строк не можна.
competitions-err-clarification-required = Введіть текст роз’яснення
competitions-err-amendment-kind-required = Виберіть вид зміни

competitions-org-form-public-organization = Громадська організація
competitions-org-form-public-union = Громадська спілка
competitions-org-form-charitable-organization = Благодійна організація
competitions-org-form-creative-union = Творча спілка
competitions-org-form-trade-union = Професійна спілка
competitions-org-form-employers-organization = Організація роботодавців

competitions-aggregation-mean = Середнє
competitions-aggregation-median = Медіана
competitions-aggregation-trimmed-mean = Усічене середнє
competitions-aggregation-sum = Сума
competitions-aggregation-mean-hint = Середнє арифметичне підсумків членів журі.
competitions-aggregation-median-hint = Серединне значення підсумків; одна крайня оцінка мало на нього впливає.
competitions-aggregation-trimmed-mean-hint = Середнє без найвищого й найнижчого підсумку (потрібно щонайменше 3 оцінки).
competitions-aggregation-sum-hint = Сума підсумків; годиться, лише коли кожну пропозицію оцінює однакова кількість членів журі.

competitions-tie-break-criteria-in-order = Вищі бали за критеріями в порядку їх переліку
competitions-tie-break-lower-request = Менша запитувана сума
competitions-tie-break-earlier-submission = Раніше подана пропозиція

competitions-when-short-skip-to-next-that-fits = Пропустити її й фінансувати наступну, яка вміщується
competitions-when-short-fund-partially = Фінансувати її частково — на залишок фонду
competitions-when-short-stop = Припинити розподіл

competitions-jury-mode-whole-jury = Увесь склад журі оцінює кожну пропозицію
competitions-jury-mode-jurors-per-proposal = Кожну пропозицію оцінює визначена кількість членів журі

competitions-plain-total = Кожен член журі ставить бали за кожним критерієм; його підсумок — сума балів, помножених на вагу критерію (щонайбільше { $max }).
competitions-plain-aggregation-mean = Бал пропозиції — середнє арифметичне підсумків членів журі. Члени журі, які заявили про конфлікт інтересів, не враховуються.
competitions-plain-aggregation-median = Бал пропозиції — медіана (серединне значення) підсумків членів журі. Члени журі, які заявили про конфлікт інтересів, не враховуються.
competitions-plain-aggregation-trimmed-mean = Бал пропозиції — середнє підсумків членів журі без одного найвищого й одного найнижчого. Члени журі, які заявили про конфлікт інтересів, не враховуються.
competitions-plain-aggregation-sum = Бал пропозиції — сума підсумків членів журі. Члени журі, які заявили про конфлікт інтересів, не враховуються.
competitions-plain-pass-mark = До рейтингу потрапляють допущені пропозиції, що набрали щонайменше { $pass } з { $max } балів.
competitions-plain-divergence = Якщо найвищий і найнижчий підсумки членів журі відрізняються більш ніж на { $n }, пропозицію позначають для обговорення.
competitions-plain-tie-break-criteria-in-order = За рівних балів вище стоїть пропозиція з вищим балом за першим критерієм, далі — за другим і так далі; якщо й це не розрізняє — раніше подана.
competitions-plain-tie-break-lower-request = За рівних балів вище стоїть пропозиція з меншою запитуваною сумою; якщо суми рівні — раніше подана.
competitions-plain-tie-break-earlier-submission = За рівних балів вище стоїть раніше подана пропозиція.
competitions-plain-allocation = Кошти розподіляють за рейтингом: кожна пропозиція отримує запитувану суму (не більше ніж { $cap }), доки вистачає фонду { $fund }.
competitions-plain-when-short-skip-to-next-that-fits = Якщо наступна пропозиція не вміщується в залишок, її пропускають і фінансують наступну, яка вміщується.
competitions-plain-when-short-fund-partially = Якщо наступна пропозиція не вміщується в залишок, її фінансують частково — на весь залишок.
competitions-plain-when-short-stop = Якщо наступна пропозиція не вміщується в залишок, розподіл припиняється.
competitions-plain-jury-whole = Кожну пропозицію оцінює весь склад журі.
competitions-plain-jury-per-proposal = Кожну пропозицію оцінюють { $n } членів журі.
competitions-plain-names-published = Імена членів журі оприлюднюються.
competitions-plain-names-hidden = Імена членів журі не оприлюднюються.
competitions-plain-comments-published = Коментарі членів журі до оцінок оприлюднюються.
competitions-plain-comments-hidden = Коментарі членів журі до оцінок не оприлюднюються.

competitions-amendment-extend-deadline = Продовження строку подання
competitions-amendment-clarification = Роз’яснення
competitions-amendment-increase-fund = Збільшення фонду
competitions-amend-extend-deadline = Продовжити строк подання
competitions-amend-clarification = Додати роз’яснення
competitions-amend-increase-fund = Збільшити фонд
competitions-amend-extend-deadline-lead = Строк можна лише продовжити, не скоротити. Зміну буде оприлюднено з датою, причиною та вашим іменем, а тих, хто готує чи подав пропозицію, повідомлено.
competitions-amend-clarification-lead = Роз’яснення оприлюднюється в історії змін конкурсу з датою, причиною та вашим іменем. Правила конкурсу воно не змінює.
competitions-amend-increase-fund-lead = Фонд можна лише збільшити. Зміну буде оприлюднено з датою, причиною та вашим іменем.
competitions-amend-title = Публічні зміни
competitions-amend-lead = Правила оголошеного конкурсу зафіксовано. Змінити можна лише на користь учасників і публічно:
competitions-amend-submit = Оприлюднити зміну
competitions-amendments-title = Історія змін
competitions-amendments-none = Змін не було.
competitions-amendment-number = Зміна № { $n }
competitions-amendment-deadline-change = Кінцевий строк
competitions-amendment-fund-change = Фонд
competitions-history-title = Етапи конкурсу

competitions-countdown-opens = Приймання пропозицій почнеться
competitions-countdown-closed = Приймання пропозицій завершено
competitions-countdown-days = Приймання завершиться через { $n } { $n ->
    [one] день
    [few] дні
   *[other] днів
}
competitions-countdown-hours = Приймання завершиться через { $n } { $n ->
    [one] годину
    [few] години
   *[other] годин
}
competitions-countdown-minutes = Приймання завершиться менш ніж за годину: через { $n } хв

competitions-new-title = Новий конкурс
competitions-edit-title = Редагувати чернетку
competitions-form-lead = Чернетку можна зберігати незаповненою. Оголосити конкурс можна, коли заповнено все. Після оголошення правила зафіксуються: змінити їх можна буде лише публічно.
competitions-incomplete = Щоб оголосити конкурс, заповніть і виправте поля нижче, збережіть чернетку й оголосіть ще раз.
competitions-optional = Необов’язково.
competitions-section-about = Про конкурс
competitions-section-legal = Правова підстава
competitions-section-eligibility = Хто може брати участь
competitions-section-money = Фінансування
competitions-section-dates = Строки
competitions-section-documents = Документи, які подають учасники
competitions-section-criteria = Критерії оцінювання
competitions-section-scoring = Оцінювання
competitions-section-allocation = Розподіл коштів
competitions-section-jury = Журі та оприлюднення
competitions-field-title-uk = Назва українською
competitions-field-title-en = Назва англійською
competitions-field-description-uk = Опис українською
competitions-field-description-en = Опис англійською
competitions-field-priorities = Пріоритети
competitions-field-priorities-hint = Кожен пріоритет — з нового рядка.
competitions-field-order-number = Номер наказу
competitions-field-order-number-hint = Наказ про проведення конкурсу, наприклад 123-од.
competitions-field-order-date = Дата наказу
competitions-field-org-forms = Організаційно-правові форми учасників
competitions-field-org-forms-hint = Виберіть усі, що підходять.
competitions-field-min-months = Скільки місяців від реєстрації організації щонайменше
competitions-field-min-months-hint = Зазвичай 6.
competitions-field-max-proposals = Скільки пропозицій може подати одна організація
competitions-field-fund = Загальний обсяг фонду
competitions-field-cap = Гранична сума на одну пропозицію
competitions-field-money-hint = У гривнях, наприклад 1 000 000 або 2500,50.
competitions-field-own-percent = Найменший власний внесок, %
competitions-field-own-percent-hint = Необов’язково. Частка власних або залучених коштів у бюджеті проєкту.
competitions-kyiv-time-hint = Дату й час вводьте за київським часом. Строк діє до зазначеної хвилини включно з урахуванням переведення годинника.
competitions-field-opens-at = Початок приймання пропозицій
competitions-field-closes-at = Кінцевий строк подання
competitions-field-datetime-hint = За київським часом, наприклад 2027-03-28 23:59.
competitions-field-review-from = Початок оцінювання
competitions-field-review-until = Завершення оцінювання
competitions-field-review = Оцінювання
competitions-field-results-on = Заплановане оголошення результатів
competitions-rows-hint = Порожні рядки не враховуються.
competitions-document-n = Документ { $n }
competitions-field-document-name = Назва документа
competitions-field-document-description = Пояснення
competitions-field-document-size = Найбільший розмір файлу, МБ
competitions-field-document-required = Обов’язковий
competitions-criteria-hint = Порожні рядки не враховуються. Підсумок члена журі — сума балів, помножених на вагу.
competitions-criterion-n = Критерій { $n }
competitions-field-criterion-name = Назва критерію
competitions-field-criterion-description = Що оцінюється
competitions-field-criterion-points = Найбільша кількість балів
competitions-field-criterion-weight = Вага
competitions-field-pass-mark = Прохідний бал
competitions-field-pass-mark-hint = У тій самій шкалі, що й підсумок: сума балів, помножених на вагу.
competitions-field-aggregation = Як поєднувати оцінки членів журі
competitions-field-divergence = Поріг розбіжності оцінок
competitions-field-divergence-hint = Якщо найвищий і найнижчий підсумки відрізняються більш ніж на стільки, пропозицію позначають для обговорення.
competitions-field-tie-break = Що вирішує за рівних балів
competitions-allocation-lead = Кошти розподіляють за рейтингом: кожна пропозиція з балом не нижче прохідного отримує запитувану суму (не більше граничної), доки вистачає фонду.
competitions-field-when-short = Коли наступна пропозиція не вміщується в залишок фонду
competitions-field-jury-mode = Хто оцінює кожну пропозицію
competitions-field-jurors-per-proposal = Скільки членів журі оцінює кожну пропозицію
competitions-field-jurors-per-proposal-hint = Лише якщо вибрано визначену кількість.
competitions-field-publication = Що оприлюднювати разом з результатами
competitions-field-publish-names = Імена членів журі
competitions-field-publish-comments = Коментарі членів журі до оцінок
competitions-save-draft = Зберегти чернетку
competitions-save-draft-hint = Збереження нічого не оприлюднює.
competitions-back-to-manage = Повернутися до конкурсу

competitions-dashboard-title = Мої конкурси
competitions-dashboard-caption = Конкурси, якими ви керуєте
competitions-dashboard-none = Конкурсів ще немає.
competitions-col-title = Назва
competitions-col-state = Стан
competitions-col-deadline = Кінцевий строк
competitions-col-next = Що далі

competitions-rules-hash = Хеш правил (SHA-256)
competitions-cancel-reason = Причина скасування
competitions-view-public = Переглянути публічну сторінку
competitions-next-title = Що далі
competitions-announce = Оголосити конкурс
competitions-announce-hint = Після оголошення правила буде зафіксовано й оприлюднено разом з їхнім хешем; змінити їх можна буде лише публічною зміною.
competitions-cancel-title = Скасувати конкурс
competitions-cancel-lead = Скасування остаточне. Причину буде оприлюднено на сторінці конкурсу та в стрічці новин.
competitions-field-cancel-reason = Причина скасування
competitions-field-reason = Причина
competitions-field-public-reason-hint = Її побачать усі.
competitions-cancel-confirm = Скасувати конкурс
competitions-current-deadline = Чинний кінцевий строк
competitions-field-new-closes-at = Новий кінцевий строк
competitions-current-fund = Чинний обсяг фонду
competitions-field-new-fund = Новий обсяг фонду
competitions-field-clarification = Текст роз’яснення

competitions-list-title = Конкурси
competitions-list-lead = Усі оголошені конкурси з правилами, строками та історією змін.
competitions-search-label = Пошук за назвою або номером
competitions-filter-state = Стан
competitions-filter-any = Будь-який
competitions-filter-submit = Показати
competitions-filter-clear = показати всі
competitions-found = { $n ->
    [one] Знайдено { $n } конкурс
    [few] Знайдено { $n } конкурси
   *[other] Знайдено { $n } конкурсів
}
competitions-none = Немає конкурсів, що відповідають умовам.
competitions-page-prev = Попередня сторінка
competitions-page-next = Наступна сторінка
competitions-feed-link = Стрічка новин (Atom)
competitions-api-link = Дані у форматі JSON

competitions-cancelled-notice = Конкурс скасовано
competitions-amended-from = оголошено
competitions-kyiv-time = за київським часом
competitions-legal-basis = Правова підстава
competitions-legal-basis-text = наказ № { $number } від { $date }
competitions-eligible-forms = Організаційно-правові форми
competitions-eligible-months = Організація зареєстрована щонайменше { $n } міс. до подання
competitions-eligible-proposals = Одна організація може подати не більше ніж { $n } пропоз.
competitions-eligible-own = Власний внесок — щонайменше { $n }% бюджету
competitions-col-required = Обов’язковий
competitions-col-max-size = Розмір до
competitions-required-yes = так
competitions-required-no = ні
competitions-col-points = Бали
competitions-col-weight = Вага
competitions-col-max-weighted = Найбільше з вагою
competitions-max-total = Найбільший можливий підсумок
competitions-rules-plain-title = Як оцінюють і розподіляють кошти
competitions-rules-hash-lead = Правила зафіксовано під час оголошення. Ось хеш SHA-256 документа з правилами: будь-хто може завантажити документ і перевірити, що він не змінювався.
competitions-rules-download = Завантажити правила (JSON)
competitions-rules-verify-hint = Перевірка: sha256sum правил.json має дати той самий хеш.

competitions-feed-title = Конкурс — оголошення та зміни
competitions-feed-announced = Оголошено конкурс: { $title }
competitions-feed-announced-summary = Кінцевий строк: { $deadline } (за київським часом). Фонд: { $fund }. Хеш правил: { $hash }
competitions-feed-amended = { $kind }: { $title }
competitions-feed-cancelled = Скасовано конкурс: { $title }
competitions-nav-organizer = Мої конкурси

competitions-mail-amended-subject = Зміна в конкурсі «{ $title }»
competitions-mail-amended-greeting = Вітаємо, { $name }!
competitions-mail-amended-body = Ви готуєте або вже подали пропозицію на конкурс «{ $title }». Організатор оприлюднив зміну:
