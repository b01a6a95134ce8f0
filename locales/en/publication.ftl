## Publication: results, proposal pages, open data, the applicants' notice.

mail-results-subject = Competition results: proposal { $number }
mail-results-body = The results of the competition “{ $competition }” are published. Your proposal “{ $title }”:
mail-results-all = All results of the competition
publication-rank = Rank
publication-aggregate = Final score
publication-awarded = Amount awarded
