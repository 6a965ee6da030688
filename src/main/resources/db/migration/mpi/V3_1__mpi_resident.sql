create schema if not exists mpi;

-- Residents of the master patient index. Identifying values are stored encrypted with a keyed blind index for
-- exact lookup and a masked form for display; the plaintext never reaches the database.
create table mpi.resident (
    id                          bigint generated always as identity primary key,
    -- REC-03: county division (6) + township (3) + village committee (3) + serial in order of creation (5)
    health_record_number        char(17)     not null unique check (health_record_number ~ '^[0-9]{17}$'),
    name                        varchar(50)  not null,
    -- GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 unspecified
    sex                         smallint     not null check (sex in (0, 1, 2, 9)),
    birth_date                  date         not null,
    -- GB 3304 ethnicity code, '01' = 汉族
    ethnicity                   char(2)      check (ethnicity ~ '^[0-9]{2}$'),
    id_number_ciphertext        bytea,
    id_number_index             bytea,
    id_number_masked            varchar(32),
    phone_ciphertext            bytea,
    phone_index                 bytea,
    phone_masked                varchar(32),
    division_code               varchar(12)  not null check (division_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
    address                     varchar(200),
    guardian_resident_id        bigint references mpi.resident (id),
    registered_organisation_id  bigint       not null,
    created_at                  timestamptz  not null default now(),
    created_by                  varchar(64)  not null,
    voided_at                   timestamptz,
    voided_by                   varchar(64),
    void_reason                 varchar(200),
    check ((id_number_ciphertext is null) = (id_number_index is null)),
    check ((phone_ciphertext is null) = (phone_index is null)),
    check (voided_at is null or void_reason is not null),
    check (guardian_resident_id is null or guardian_resident_id <> id)
);
-- one living record per ID number; voided duplicates keep their index for the audit of merges
create unique index resident_id_number_index_uq on mpi.resident (id_number_index)
    where id_number_index is not null and voided_at is null;
create index resident_phone_index_idx on mpi.resident (phone_index) where phone_index is not null;
create index resident_division_idx on mpi.resident (division_code);
create index resident_guardian_idx on mpi.resident (guardian_resident_id) where guardian_resident_id is not null;
