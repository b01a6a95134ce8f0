# E-mails (templates/email/). Each mail is in its recipient's language.
mail-footer-sent-by = This message was sent by the Konkurs platform: { $url }
mail-footer-no-reply = Please do not reply: the sender address does not accept mail.

mail-welcome-subject = Welcome to Konkurs
mail-welcome-greeting = Hello, { $name }!
mail-welcome-body = Your Konkurs account is ready. Here you can follow competitions, submit proposals and see how they are scored.

mail-invalid-address = This e-mail address is not valid.
