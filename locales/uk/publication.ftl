## Publication: results, proposal pages, open data, the applicants' notice.

mail-results-subject = Результати конкурсу: пропозиція { $number }
mail-results-body = Результати конкурсу «{ $competition }» оприлюднено. Ваша пропозиція «{ $title }»:
mail-results-all = Усі результати конкурсу
publication-rank = Місце в рейтингу
publication-aggregate = Підсумкова оцінка
publication-awarded = Сума фінансування
