-- The shared health record: every clinical item of a resident from any organisation of the county is one row of
-- records.entry (encounters, diagnoses, observations, reports, medications, immunizations, allergies, procedures,
-- documents). The columns every kind shares — and the ones the timeline, trend and result-sharing queries filter
-- on — are real columns; what only one kind has is a JSON document checked by the application.
-- Nothing is deleted: a wrong entry is voided with a reason, and a correction voids and points to its replacement.
create schema if not exists records;

create table records.entry (
    id                     bigint generated always as identity primary key,
    -- the resident as resolved by the master index when written; reads include records merged into a survivor
    resident_id            bigint      not null,
    kind                   text        not null check (kind in ('ENCOUNTER', 'CONDITION', 'OBSERVATION',
                                                                'DIAGNOSTIC_REPORT', 'MEDICATION_REQUEST',
                                                                'MEDICATION_DISPENSE', 'IMMUNIZATION', 'ALLERGY',
                                                                'PROCEDURE', 'DOCUMENT')),
    encounter_id           bigint references records.entry (id),
    code_system            text        not null,
    code                   text        not null,
    display                text        not null,
    category               text,
    status                 text        not null,
    effective_at           timestamptz not null,
    ended_at               timestamptz,
    value_numeric          numeric,
    value_unit             text,
    value_text             text,
    reference_low          numeric,
    reference_high         numeric,
    interpretation         text check (interpretation in ('N', 'L', 'H', 'LL', 'HH', 'A', 'AA')),
    sensitivity            text check (sensitivity in ('MENTAL_HEALTH', 'HIV', 'REPRODUCTIVE')),
    details                jsonb       not null default '{}',
    organisation_id        bigint      not null,
    author_practitioner_id bigint,
    -- the sending system's own id of the item: a retried upload finds the entry it already made
    source_system          text,
    source_id              text,
    recorded_at            timestamptz not null default now(),
    recorded_by            bigint,
    voided_at              timestamptz,
    voided_by              bigint,
    void_reason            text,
    replaced_by_id         bigint references records.entry (id),
    -- the resident asked that other organisations not see this item (consent); the law may override it
    hidden_at              timestamptz,
    check (ended_at is null or ended_at >= effective_at),
    check ((voided_at is null) = (void_reason is null)),
    check ((source_system is null) = (source_id is null))
);

-- the timeline (newest first, keyset by (effective_at, id)) and per-kind lists of one resident
create index entry_timeline_idx on records.entry (resident_id, effective_at desc, id desc) where voided_at is null;
-- trends and result sharing: one resident's series of one code
create index entry_code_idx on records.entry (resident_id, code, effective_at desc) where voided_at is null;
create index entry_encounter_idx on records.entry (encounter_id) where encounter_id is not null;
create unique index entry_source_idx on records.entry (organisation_id, source_system, source_id)
    where source_id is not null;

-- files of a report or document (PDF, images), kept byte for byte with their digest
create table records.attachment (
    id           bigint generated always as identity primary key,
    entry_id     bigint      not null references records.entry (id),
    title        text        not null,
    content_type text        not null,
    size_bytes   integer     not null check (size_bytes > 0),
    sha256       bytea       not null,
    content      bytea       not null,
    recorded_at  timestamptz not null default now()
);
create index attachment_entry_idx on records.attachment (entry_id);
