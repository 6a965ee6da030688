create schema if not exists platform;

-- Staff and resident login accounts. Staff act for one organisation at a time (see account_membership).
create table platform.account (
    id                    bigint generated always as identity primary key,
    username              varchar(64)  not null,
    display_name          varchar(100) not null,
    password_hash         varchar(255) not null,
    kind                  varchar(16)  not null check (kind in ('STAFF', 'RESIDENT')),
    practitioner_id       bigint,
    resident_id           bigint,
    enabled               boolean      not null default true,
    demo                  boolean      not null default false,
    must_change_password  boolean      not null default true,
    failed_attempts       integer      not null default 0,
    locked_until          timestamptz,
    password_changed_at   timestamptz,
    last_login_at         timestamptz,
    created_at            timestamptz  not null default now(),
    created_by            varchar(64)  not null
);
create unique index account_username_uq on platform.account (lower(username));
create index account_resident_idx on platform.account (resident_id) where resident_id is not null;

-- A staff member's roles at each organisation they work for.
create table platform.account_membership (
    account_id       bigint      not null references platform.account (id),
    organisation_id  bigint      not null,
    role             varchar(32) not null,
    primary key (account_id, organisation_id, role)
);
create index account_membership_org_idx on platform.account_membership (organisation_id);

-- System-to-system API clients (a clinic's HIS, a device gateway), one organisation each.
-- Only a keyed digest of the token is stored; the token is shown once when issued.
create table platform.api_client (
    id               bigint generated always as identity primary key,
    organisation_id  bigint       not null,
    name             varchar(100) not null,
    token_prefix     varchar(16)  not null,
    token_digest     bytea        not null unique,
    created_at       timestamptz  not null default now(),
    created_by       varchar(64)  not null,
    last_used_at     timestamptz,
    revoked_at       timestamptz,
    revoked_by       varchar(64)
);
create index api_client_org_idx on platform.api_client (organisation_id);

-- Marks that the demo county was loaded, so later starts skip it.
create table platform.demo_load (
    id         integer primary key check (id = 1),
    loaded_at  timestamptz not null,
    seconds    numeric(8, 2) not null
);

-- Spring Session JDBC (sessions live in PostgreSQL so several application nodes can serve one county).
create table platform.spring_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  int          not null,
    expiry_time            bigint       not null,
    principal_name         varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on platform.spring_session (session_id);
create index spring_session_ix2 on platform.spring_session (expiry_time);
create index spring_session_ix3 on platform.spring_session (principal_name);

create table platform.spring_session_attributes (
    session_primary_id  char(36)     not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references platform.spring_session (primary_id) on delete cascade
);
