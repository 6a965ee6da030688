-- Residents get: derived pinyin for search, a household, identity documents of several types, several phones,
-- optimistic versioning with a full history of versions (for edits now and merge/unmerge later), and allocated
-- health-record serials. The id_number_* and phone_* columns of mpi.resident stay as the denormalised primary
-- resident ID and primary phone, written together with the rows below.
create extension if not exists pg_trgm;

create table mpi.household (
    id              bigint generated always as identity primary key,
    division_code   varchar(12)  not null check (division_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
    address         varchar(200),
    created_at      timestamptz  not null default now(),
    created_by      varchar(64)  not null
);

alter table mpi.resident
    add column pinyin                   varchar(200),
    -- toneless pinyin without spaces, lower case: the search and candidate key (张伟, 章伟, 張偉 → zhangwei)
    add column pinyin_key               varchar(200),
    add column household_id             bigint references mpi.household (id),
    add column version                  integer      not null default 1,
    add column updated_at               timestamptz,
    add column updated_by               varchar(64),
    add column updated_organisation_id  bigint,
    -- why a registrar registered a new resident although likely existing residents were shown
    add column registered_despite       varchar(200);

create index resident_pinyin_key_idx on mpi.resident (pinyin_key text_pattern_ops, birth_date) where voided_at is null;
create index resident_pinyin_key_trgm_idx on mpi.resident using gin (pinyin_key gin_trgm_ops) where voided_at is null;
create index resident_name_idx on mpi.resident (name text_pattern_ops) where voided_at is null;
create index resident_birth_date_sex_idx on mpi.resident (birth_date, sex) where voided_at is null;
create index resident_household_idx on mpi.resident (household_id) where household_id is not null;

-- ID-14: every identity document of a resident, one primary. The blind index is keyed per type (context), and for
-- passports covers issuing country + number. Voided, never deleted: merges and corrections keep the old numbers.
create table mpi.identity_document (
    id                   bigint generated always as identity primary key,
    resident_id          bigint       not null references mpi.resident (id),
    type                 varchar(40)  not null check (type in ('RESIDENT_ID', 'HK_MO_TW_RESIDENCE_PERMIT',
                             'FOREIGN_PERMANENT_RESIDENT_ID', 'FOREIGN_PERMANENT_RESIDENT_ID_OLD', 'PASSPORT')),
    number_ciphertext    bytea        not null,
    number_index         bytea        not null,
    number_masked        varchar(40)  not null,
    -- the number as typed when it differs in substance, e.g. a 15-digit legacy ID upgraded to 18 (ID-05)
    original_ciphertext  bytea,
    issuing_country      char(3)      check (issuing_country ~ '^[A-Z]{3}$'),
    is_primary           boolean      not null default false,
    created_at           timestamptz  not null default now(),
    created_by           varchar(64)  not null,
    voided_at            timestamptz,
    voided_by            varchar(64),
    void_reason          varchar(200),
    check (voided_at is null or void_reason is not null)
);
create unique index identity_document_number_uq on mpi.identity_document (type, number_index) where voided_at is null;
create unique index identity_document_primary_uq on mpi.identity_document (resident_id)
    where is_primary and voided_at is null;
create index identity_document_resident_idx on mpi.identity_document (resident_id);
create index identity_document_index_idx on mpi.identity_document (number_index);

create table mpi.resident_phone (
    id                bigint generated always as identity primary key,
    resident_id       bigint       not null references mpi.resident (id),
    phone_ciphertext  bytea        not null,
    phone_index       bytea        not null,
    phone_masked      varchar(32)  not null,
    kind              varchar(10)  not null check (kind in ('MOBILE', 'LANDLINE')),
    is_primary        boolean      not null default false,
    created_at        timestamptz  not null default now(),
    created_by        varchar(64)  not null,
    voided_at         timestamptz,
    voided_by         varchar(64),
    void_reason       varchar(200)
);
create index resident_phone_resident_idx on mpi.resident_phone (resident_id);
create index resident_phone_phone_index_idx on mpi.resident_phone (phone_index) where voided_at is null;

-- Every state a resident record has been in: version 1 at registration, one row per edit (and later per merge or
-- unmerge). The snapshot holds the demographic fields and the ids and masked forms of the documents and phones;
-- the encrypted numbers stay in their (voided, never deleted) rows.
create table mpi.resident_version (
    id                       bigint generated always as identity primary key,
    resident_id              bigint       not null references mpi.resident (id),
    version                  integer      not null,
    change                   varchar(20)  not null check (change in ('REGISTERED', 'UPDATED', 'MERGED', 'UNMERGED', 'VOIDED')),
    snapshot                 jsonb        not null,
    reason                   varchar(200),
    changed_at               timestamptz  not null default now(),
    changed_by               varchar(64)  not null,
    changed_organisation_id  bigint,
    unique (resident_id, version)
);

-- REC-03: the last 5-digit serial allocated per 12-digit village division, incremented atomically.
create table mpi.health_record_serial (
    division_code  char(12) primary key check (division_code ~ '^[0-9]{12}$'),
    last_serial    integer  not null check (last_serial between 1 and 99999)
);

-- Idempotency-Key of POST /api/mpi/residents per API client: a retry gets the resident created the first time.
create table mpi.idempotency_key (
    client         varchar(100) not null,
    key            varchar(200) not null,
    request_hash   bytea        not null,
    resident_id    bigint       not null references mpi.resident (id),
    created_at     timestamptz  not null default now(),
    primary key (client, key)
);
create index idempotency_key_created_idx on mpi.idempotency_key (created_at);

-- Residents registered before this migration: their ID number and phone become their primary document and phone
-- (same encryption context, so the ciphertexts and blind indexes carry over as they are).
insert into mpi.identity_document (resident_id, type, number_ciphertext, number_index, number_masked, is_primary,
                                   created_at, created_by, voided_at, voided_by, void_reason)
select id, 'RESIDENT_ID', id_number_ciphertext, id_number_index, coalesce(id_number_masked, '******'), true,
       created_at, created_by, voided_at, voided_by, void_reason
from mpi.resident where id_number_ciphertext is not null;

insert into mpi.resident_phone (resident_id, phone_ciphertext, phone_index, phone_masked, kind, is_primary,
                                created_at, created_by)
select id, phone_ciphertext, phone_index, coalesce(phone_masked, '****'), 'MOBILE', true, created_at, created_by
from mpi.resident where phone_ciphertext is not null;
