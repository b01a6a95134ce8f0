DROP TABLE competition_transitions;
DROP TABLE competition_amendments;
DROP TABLE competition_required_documents;
DROP TABLE competition_criteria;
DROP TABLE competitions;
