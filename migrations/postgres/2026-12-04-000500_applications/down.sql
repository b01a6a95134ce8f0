DROP TABLE proposal_documents;
DROP TABLE proposals;
