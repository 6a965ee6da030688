-- The sealer's chain links move out of platform.audit_event into platform.audit_seal, and the entries waiting for
-- the sealer are listed in platform.audit_unsealed. An audit entry is now written once and never updated: sealing
-- used to rewrite every entry (a new copy of the whole row, eight index entries again, and a row trigger comparing
-- the row as JSON), which cost audited requests more than writing the entry itself.

create table platform.audit_seal (
    event_id   bigint      primary key,
    chain_seq  bigint      not null unique,
    prev_hash  bytea       not null,
    entry_hash bytea       not null,
    sealed_at  timestamptz not null
);

comment on table platform.audit_seal is 'Chain link of each sealed platform.audit_event entry (SEC-05, CRY-04); written once by the sealer';

-- Entries committed but not yet chained; the sealer takes them in id order and removes them when it seals them.
-- An entry taken out without its link is reported by verification (UNCHAINED). A queue: rows live a second, so
-- vacuum runs after every thousand dead rows, keeping the sealer's index scan short.
create table platform.audit_unsealed (
    event_id bigint primary key
) with (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);

insert into platform.audit_seal (event_id, chain_seq, prev_hash, entry_hash, sealed_at)
select id, chain_seq, prev_hash, entry_hash, sealed_at from platform.audit_event where chain_seq is not null;

insert into platform.audit_unsealed (event_id)
select id from platform.audit_event where chain_seq is null;

alter table platform.audit_event
    drop constraint audit_event_sealed_together,
    drop column chain_seq,
    drop column prev_hash,
    drop column entry_hash,
    drop column sealed_at;

comment on table platform.audit_event is 'Append-only audit trail (SEC-05), written once; chained in platform.audit_seal (HMAC-SM3, CRY-04)';

-- Append-only in the database itself: an entry and its link are never updated; both are deleted only by the
-- retention purge (which sets yiwang.audit_purge for its own transaction) once behind the anchor; no TRUNCATE.
create or replace function platform.audit_event_guard() returns trigger
    language plpgsql as
$$
declare
    purged_through bigint;
begin
    if tg_op = 'DELETE' and coalesce(current_setting('yiwang.audit_purge', true), '') = 'on' then
        select purged_through_seq into purged_through from platform.audit_chain_anchor where id = 1;
        -- nested: a condition naming a field the other table's rows lack would fail on them
        if tg_table_name = 'audit_seal' then
            if old.chain_seq <= purged_through then
                return old;
            end if;
        elsif exists (select 1 from platform.audit_seal where event_id = old.id and chain_seq <= purged_through) then
            return old;
        end if;
    end if;
    raise exception 'platform.% is append-only (SEC-05): % refused', tg_table_name, tg_op using errcode = 'P0001';
end;
$$;

create trigger audit_seal_append_only
    before update or delete on platform.audit_seal
    for each row execute function platform.audit_event_guard();

create trigger audit_seal_no_truncate
    before truncate on platform.audit_seal
    for each statement execute function platform.audit_event_guard();

create trigger audit_unsealed_no_truncate
    before truncate on platform.audit_unsealed
    for each statement execute function platform.audit_event_guard();
