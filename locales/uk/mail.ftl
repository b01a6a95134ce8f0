# E-mails (templates/email/). Each mail is in its recipient's language.
mail-footer-sent-by = Цей лист надіслала платформа «Конкурс»: { $url }
mail-footer-no-reply = Будь ласка, не відповідайте на нього: адреса відправника листів не приймає.

mail-welcome-subject = Ласкаво просимо до «Конкурсу»
mail-welcome-greeting = Вітаємо, { $name }!
mail-welcome-body = Ваш обліковий запис на платформі «Конкурс» готовий. Тут ви можете стежити за конкурсами, подавати пропозиції та бачити, як їх оцінюють.

mail-invalid-address = Ця адреса електронної пошти недійсна.
