-- Resident portal (records module, package org.yiwang.records.portal): a resident authorises a family member
-- (another resident with a portal account of their own) to view their record, and may revoke it (issue 4 point 4).
-- Grants are never deleted: revoking stamps the row, so the history of who could see what stays.
create schema if not exists portal;

create table portal.viewing_grant (
    id                   bigint generated always as identity primary key,
    grantor_resident_id  bigint       not null,
    grantee_resident_id  bigint       not null,
    -- how the grantor's page lists the family member (masked name and number, as typed when granting), so that
    -- listing one's own grants is not a read of the family member's record
    grantee_display      varchar(80)  not null,
    granted_at           timestamptz  not null default now(),
    granted_by           varchar(64)  not null,
    revoked_at           timestamptz,
    revoked_by           varchar(64),
    check (grantor_resident_id <> grantee_resident_id),
    check ((revoked_at is null) = (revoked_by is null))
);
-- one active grant per pair, also when the same form is sent twice at once
create unique index viewing_grant_active_uq on portal.viewing_grant (grantor_resident_id, grantee_resident_id)
    where revoked_at is null;
-- "whom may I view": the grantee's active grants
create index viewing_grant_grantee_idx on portal.viewing_grant (grantee_resident_id) where revoked_at is null;
