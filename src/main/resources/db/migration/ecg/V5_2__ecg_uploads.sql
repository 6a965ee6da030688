-- Resumable uploads (browsers and device gateways alike): the session's metadata, the files it expects, and the
-- chunks received so far, kept in the database so that any node can take the next chunk and a restart loses nothing.
create table ecg.upload (
    id              uuid        primary key,
    organisation_id bigint      not null, -- the uploading clinic (the token's or the signed-in user's organisation)
    account_id      bigint      not null, -- staff account or API client that opened it
    resident_id     bigint      not null,
    kind            text        not null check (kind in ('RESTING_12_LEAD', 'RHYTHM_STRIP', 'LONG_TERM')),
    acquired_at     timestamptz,          -- null: taken from the file
    indication      text,
    idempotency_key text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null, -- pushed forward by every chunk; purged after
    recording_id    bigint,               -- set by complete
    completed_at    timestamptz,
    unique (organisation_id, idempotency_key)
);

create index upload_expiry on ecg.upload (expires_at);

create table ecg.upload_file (
    upload_id uuid   not null references ecg.upload on delete cascade,
    name      text   not null,
    size      bigint not null check (size > 0),
    sha256    bytea,
    primary key (upload_id, name)
);

-- One row per chunk as sent; a chunk is identified by its offset (a resent chunk is a no-op), chunks never overlap.
create table ecg.upload_chunk (
    upload_id    uuid   not null,
    name         text   not null,
    start_offset bigint not null check (start_offset >= 0),
    length       int    not null check (length > 0),
    bytes        bytea  not null,
    primary key (upload_id, name, start_offset),
    foreign key (upload_id, name) references ecg.upload_file on delete cascade
);
-- ECG files hardly compress: store chunks out of line without spending CPU on compressing them
alter table ecg.upload_chunk alter column bytes set storage external;

-- the clinic's list of its uploads, keyset-paged newest first
create index recording_by_clinic_keyset on ecg.recording (organisation_id, uploaded_at desc, id desc);
drop index ecg.recording_by_clinic;
