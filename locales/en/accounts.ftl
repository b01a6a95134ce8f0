nav-login = Sign in
nav-register = Register
nav-account = My account
nav-logout = Sign out
nav-admin = Administration

form-error-summary-title = There is a problem
form-error-prefix = Error:

field-name = Full name
field-name-hint = As organizers and jurors will know you.
field-email = Email address
field-email-hint = Confirmation links and receipts will be sent here.
field-password = Password
field-new-password = New password
field-new-password-hint = At least 10 characters. Several unexpected words together work best; do not use your name or address.
field-current-password = Current password

name-required = Enter your full name
name-too-long = Name must be 200 characters or fewer
email-required = Enter an email address
email-invalid = Enter an email address in the correct format, like name@example.org
email-taken = An account with this email address already exists. Sign in or reset your password.
password-required = Enter a password
password-too-short = Password must be at least 10 characters
password-too-long = Password must be 200 characters or fewer
password-too-guessable = This password is easy to guess. Add a few more unexpected words or characters.
password-current-required = Enter your current password
password-current-wrong = Your current password is not correct

register-title = Register
register-lead = You need an account to submit proposals on behalf of an NGO or to sit on a jury.
register-submit = Register
register-have-account = Already have an account?
register-done = Your account has been created. Check your email to confirm your address.

check-email-title = Check your email
check-email-body = If the address is right, we have sent it a link. A confirmation link works for 3 days, a password reset link for 1 hour, and each works only once.
check-email-spam = No email after a few minutes? Check your spam folder.

verify-done = Your email address is confirmed. Thank you!
verify-resent = We have sent a new confirmation email. The earlier link no longer works.

token-problem-title = The link did not work
token-unknown = This link is not valid. Check that you copied all of it.
token-expired = This link has expired. Ask for a new email.
token-used = This link has already been used. Each link works only once.
token-problem-resend-hint = where you can send the confirmation email again.

login-title = Sign in
login-submit = Sign in
login-forgot-link = Forgotten your password?
login-no-account = No account yet?
login-done = You are signed in.
login-bad-credentials = The email address or password is not correct
login-throttled = Too many failed sign-in attempts. Try again after { $time } (Kyiv time), or reset your password.
logout-done = You have signed out.

forgot-title = Reset your password
forgot-lead = Enter the address you registered with. We will send you a link to set a new password.
forgot-submit = Send the link
forgot-sent = If an account with this address exists, the email is on its way.

reset-title = New password
reset-submit = Save password
reset-done = Your password has been changed. Sign in with the new password.

password-change-title = Change your password
password-change-lead = Changing your password signs you out everywhere else (on other devices).
password-change-submit = Change password
password-changed = Your password has been changed. Other sessions have ended.

account-title = My account
account-unverified-tag = Not confirmed
account-unverified-body = Confirm your email address with the link we sent to submit proposals or sit on a jury.
account-resend-verification = Send the email again
account-verified-tag = Confirmed
account-roles = Roles
account-no-roles = none
account-since = Registered
role-admin = Administrator
role-organizer = Organizer

auth-sign-in-required = Sign in to continue.
auth-verify-email-first = First confirm your email address with the link we sent. You can send the email again from your account page.
auth-organizers-only = Only competition organizers can see this page.
auth-admins-only = Only administrators can see this page.
csrf-invalid = The form has expired or was not sent from this site. Reload the page and send the form again.
admin-last-admin = The last administrator cannot lose the role.

mail-verify-subject = Confirm your email address
mail-verify-greeting = Hello, { $name }!
mail-verify-body = To confirm the address of your Konkurs account, follow this link (it works for 3 days, once):
mail-verify-button = Confirm my address
mail-verify-ignore = If you did not register, just ignore this email.
mail-reset-subject = Reset your password
mail-reset-greeting = Hello, { $name }!
mail-reset-body = We received a request to change your password. To set a new one, follow this link (it works for 1 hour, once):
mail-reset-button = Set a new password
mail-reset-ignore = If you did not ask to change your password, ignore this email: your password stays the same.
