-- Review queue of possible duplicates, and merges of residents that can be undone exactly.

-- A merged record is kept (voided with the reason 'merged into …', never deleted) and points to the record that
-- survived it; lookups by its id, health-record number or documents resolve to the survivor.
alter table mpi.resident add column merged_into_id bigint references mpi.resident (id);
create index resident_merged_into_idx on mpi.resident (merged_into_id) where merged_into_id is not null;

-- One row per unordered pair of residents (resident_low < resident_high) that the matching engine put up for a
-- decision. A not-a-match decision stays, so the pair never comes back; a linked pair points to its merge.
create table mpi.match_review (
    id                 bigint generated always as identity primary key,
    resident_low       bigint           not null references mpi.resident (id),
    resident_high      bigint           not null references mpi.resident (id),
    probability        double precision not null check (probability between 0 and 1),
    weight_bits        double precision not null,
    engine_decision    varchar(10)      not null check (engine_decision in ('LINK', 'REVIEW', 'NON_MATCH')),
    engine_rule        varchar(200)     not null default '',
    -- [{field, level, weightBits}] as the engine explained the pair when it was queued
    explanation        jsonb            not null,
    source             varchar(20)      not null check (source in ('BATCH', 'REGISTRATION', 'EDIT')),
    status             varchar(20)      not null default 'PENDING'
                           check (status in ('PENDING', 'LINKED', 'NOT_A_MATCH', 'SUPERSEDED')),
    created_at         timestamptz      not null default now(),
    decided_at         timestamptz,
    decided_by         varchar(64),
    decision_reason    varchar(200),
    merge_id           bigint,
    check (resident_low < resident_high),
    check ((status = 'PENDING') = (decided_at is null)),
    unique (resident_low, resident_high)
);
-- the queue pages: pending oldest first, pending highest score first, decided latest first (keyset on id)
create index match_review_pending_age_idx on mpi.match_review (created_at, id) where status = 'PENDING';
create index match_review_pending_score_idx on mpi.match_review (probability desc, id) where status = 'PENDING';
create index match_review_decided_idx on mpi.match_review (decided_at desc, id) where status <> 'PENDING';
create index match_review_high_idx on mpi.match_review (resident_high);

-- A merge of resident merged_id into survivor_id, with the state of both (rows, documents, phones) just before it,
-- so that an unmerge puts back exactly that state.
create table mpi.resident_merge (
    id                       bigint generated always as identity primary key,
    survivor_id              bigint       not null references mpi.resident (id),
    merged_id                bigint       not null references mpi.resident (id),
    review_id                bigint       references mpi.match_review (id),
    reason                   varchar(200) not null,
    snapshot                 jsonb        not null,
    -- the survivor's version right after the merge: a later version means it was edited since
    survivor_version_after   integer      not null,
    merged_at                timestamptz  not null default now(),
    merged_by                varchar(64)  not null,
    merged_organisation_id   bigint,
    unmerged_at              timestamptz,
    unmerged_by              varchar(64),
    unmerge_reason           varchar(200),
    check (survivor_id <> merged_id),
    check (unmerged_at is null or unmerge_reason is not null)
);
-- at most one merge in force per merged record
create unique index resident_merge_merged_uq on mpi.resident_merge (merged_id) where unmerged_at is null;
create index resident_merge_survivor_idx on mpi.resident_merge (survivor_id);
alter table mpi.match_review add foreign key (merge_id) references mpi.resident_merge (id);
create index match_review_merge_idx on mpi.match_review (merge_id) where merge_id is not null;
