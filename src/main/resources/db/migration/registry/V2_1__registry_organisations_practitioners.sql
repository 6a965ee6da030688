create schema if not exists registry;

-- Organisations of the county medical community. parent_id forms the hierarchy: village clinic -> township
-- centre -> county hospital (lead of the 医共体); the other county-level bodies sit under the health commission.
create table registry.organisation (
    id              bigint generated always as identity primary key,
    code            varchar(32)  not null unique,
    name_zh         varchar(100) not null,
    name_en         varchar(200) not null,
    short_name_zh   varchar(40),
    short_name_en   varchar(80),
    type            varchar(32)  not null check (type in ('COUNTY_HOSPITAL', 'TCM_HOSPITAL', 'MCH_HOSPITAL', 'CDC',
                        'HEALTH_COMMISSION', 'TOWNSHIP_HEALTH_CENTRE', 'COMMUNITY_HEALTH_CENTRE', 'VILLAGE_CLINIC', 'PHARMACY')),
    parent_id       bigint references registry.organisation (id),
    -- GB/T 2260 county code (6 digits), + township (3) and village committee (3) segments where relevant
    division_code   varchar(12)  not null check (division_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
    address         varchar(200),
    latitude        numeric(9, 6) check (latitude between -90 and 90),
    longitude       numeric(9, 6) check (longitude between -180 and 180),
    created_at      timestamptz  not null default now(),
    created_by      varchar(64)  not null,
    check (parent_id is null or parent_id <> id)
);
create index organisation_parent_idx on registry.organisation (parent_id);
create index organisation_type_idx on registry.organisation (type);

-- Doctors, nurses, village doctors, pharmacists, technicians, public-health and administrative staff.
create table registry.practitioner (
    id               bigint generated always as identity primary key,
    name             varchar(50)  not null,
    -- GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 unspecified
    sex              smallint     not null check (sex in (0, 1, 2, 9)),
    profession       varchar(32)  not null check (profession in ('PHYSICIAN', 'NURSE', 'VILLAGE_DOCTOR', 'PHARMACIST',
                         'LAB_TECHNICIAN', 'PUBLIC_HEALTH_PHYSICIAN', 'ADMINISTRATIVE_STAFF')),
    title            varchar(20)  not null,
    specialty        varchar(40),
    licence_number   varchar(32)  unique,
    -- 工号: staff number, unique within the organisation
    employee_number  varchar(16)  not null,
    organisation_id  bigint       not null references registry.organisation (id),
    created_at       timestamptz  not null default now(),
    created_by       varchar(64)  not null,
    unique (organisation_id, employee_number)
);
create index practitioner_organisation_idx on registry.practitioner (organisation_id);
