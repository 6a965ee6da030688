-- Access to the shared record by relationship (ARCHITECTURE.md "Data and health-record rules", PIPL-01/02):
-- care relationships, emergency overrides (break-glass) and grants for sensitive categories. Rows are never deleted:
-- relationships end, overrides expire, grants expire or are revoked, and the audit trail keeps who did what.

-- An organisation's relationship of care with a resident. TREATING rows are kept by the record itself (one per
-- resident and organisation, pushed forward whenever the organisation records an item); the other kinds are granted
-- and ended by the modules that own referrals, family-doctor contracts and ECG readings.
create table records.care_relationship (
    id               bigint generated always as identity primary key,
    resident_id      bigint      not null,
    organisation_id  bigint      not null,
    kind             text        not null check (kind in ('TREATING', 'REFERRAL_RECEIVED', 'FAMILY_DOCTOR', 'ECG_READING')),
    source_reference text,
    started_at       timestamptz not null,
    ends_at          timestamptz,
    created_at       timestamptz not null default now(),
    created_by       bigint,
    ended_by         bigint,
    check (ends_at is null or ends_at >= started_at),
    check (kind <> 'TREATING' or ends_at is not null)
);
-- the access check: this resident's ids and the actor's organisation
create index care_relationship_lookup_idx on records.care_relationship (resident_id, organisation_id);
-- one TREATING row per resident and organisation (upserted on every recorded item)
create unique index care_relationship_treating_idx on records.care_relationship (resident_id, organisation_id)
    where kind = 'TREATING';
-- a module's retried grant finds the relationship it made
create unique index care_relationship_source_idx on records.care_relationship (kind, organisation_id, resident_id, source_reference)
    where kind <> 'TREATING' and source_reference is not null;

-- An emergency override: one account acting for one organisation reads one resident's record until expires_at.
create table records.break_glass (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null,
    organisation_id bigint      not null,
    resident_id     bigint      not null,
    reason          text        not null check (length(btrim(reason)) > 0),
    started_at      timestamptz not null,
    expires_at      timestamptz not null,
    check (expires_at > started_at)
);
create index break_glass_lookup_idx on records.break_glass (resident_id, account_id, expires_at desc);

-- A resident's separate consent (单独同意) that one organisation may see one sensitive category of their record.
create table records.sensitive_grant (
    id              bigint generated always as identity primary key,
    resident_id     bigint      not null,
    organisation_id bigint      not null,
    category        text        not null check (category in ('MENTAL_HEALTH', 'HIV', 'REPRODUCTIVE')),
    granted_by      bigint,
    reason          text        not null check (length(btrim(reason)) > 0),
    granted_at      timestamptz not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    revoked_by      bigint,
    check (expires_at > granted_at)
);
create index sensitive_grant_lookup_idx on records.sensitive_grant (resident_id, organisation_id);
