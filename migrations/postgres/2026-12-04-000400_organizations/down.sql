DROP TABLE organization_join_requests;
DROP TABLE organization_invitations;
DROP TABLE organization_members;
DROP TABLE organizations;
