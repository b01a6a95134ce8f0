# Closing the review, deliberation, overrides and finalization (issue 6).

verdict-close-title = Close the review
verdict-close-complete = Every assigned score has been submitted (or the juror recused). Once the review is closed you will see the rating.
verdict-close-confirm = Close the review
verdict-close-incomplete = Not every assigned score has been submitted. The review can be closed early only with a written reason; the reason and the list of missing scores will be published with the results.
verdict-missing-caption = Missing scores
verdict-col-juror = Juror
verdict-col-number = Registration number
verdict-col-title = Proposal title
verdict-field-close-reason = Reason for closing early
verdict-field-close-reason-hint = Published with the results.
verdict-close-early = Close the review early
verdict-err-close-reason-required = Say why the review closes without these scores.
verdict-closed = The review is closed. Deliberation has started.
verdict-manage-deliberation-link = Rating and deliberation

verdict-refused-not-closed = The rating is available once the review is closed.
verdict-refused-state = Results can be changed only during deliberation.
verdict-refused-finalized = The results are already finalized and cannot be changed.

verdict-deliberation-title = Rating and deliberation
verdict-deliberation-lead = The rating is computed by the competition's published rules. Only you can see the scores; publication is a separate step after finalization.
verdict-fund = Competition fund
verdict-fund-used = Allocated
verdict-fund-remaining = Fund remaining
verdict-pass-mark = Pass mark
verdict-divergence-threshold = Score divergence threshold
verdict-review-closed-at = Review closed
verdict-rounds = Counted round of scoring
verdict-early-close-title = The review was closed early
verdict-rating-title = Rating
verdict-col-rank = Rank
verdict-col-proposal = Proposal
verdict-col-requested = Requested
verdict-col-aggregate = Score
verdict-col-juror-totals = Juror totals
verdict-col-flags = Flags
verdict-col-computed = By the rule
verdict-col-awarded = Decision
verdict-col-why = Why
verdict-col-actions = Actions
verdict-computed-why = By the rule:
verdict-override-link = Change the decision
verdict-withdrawn-count = Withdrawn by the applicant:

verdict-flag-no-scores = no scores
verdict-flag-not-admitted = not admitted
verdict-flag-below-pass-mark = below the pass mark
verdict-flag-divergent = divergent scores
verdict-flag-incomplete = scores missing
verdict-flag-tie-broken = tie broken
verdict-flag-overridden = organizer's decision

verdict-finalize-title = Finalize the results
verdict-finalize-lead = Finalizing freezes the results as a document with a SHA-256 hash; they cannot be changed afterwards.
verdict-finalize = Finalize the results
verdict-finalized = The results are finalized.
verdict-finalized-at = Finalized
verdict-results-hash = SHA-256 of the results document:
verdict-download = Download the results document (JSON)

verdict-override-title = Organizer's decision
verdict-override-lead = You may award a different amount or not fund the proposal. A reason is required and will be published with the results.
verdict-field-action = Decision
verdict-action-award = Award a different amount
verdict-action-exclude = Do not fund
verdict-field-amount = Amount, UAH
verdict-field-amount-hint = For example 1 234,50. At most the requested amount and the per-proposal cap.
verdict-field-override-reason = Reason
verdict-field-override-reason-hint = Published with the results.
verdict-override-save = Save the decision
verdict-override-remove = Remove the organizer's decision
verdict-override-saved = The decision is saved.
verdict-override-removed = The organizer's decision is removed.
verdict-back-to-deliberation = Back to the rating

verdict-err-action-required = Choose a decision.
verdict-err-amount-invalid = Enter the amount as a number, for example 1 234,50.
verdict-err-amount-decimals = Use at most two decimal places.
verdict-err-amount-positive = The amount must be more than zero. To not fund the proposal, choose "Do not fund".
verdict-err-amount-over-request = The amount cannot exceed the requested amount ({ $requested }).
verdict-err-amount-over-cap = The amount cannot exceed the per-proposal cap ({ $cap }).
verdict-err-over-fund = With this decision more than the competition's fund ({ $fund }) would be allocated.
verdict-err-not-fundable = Only an admitted proposal scoring at least the pass mark can be funded.
verdict-err-override-reason-required = Give a reason for the decision.
