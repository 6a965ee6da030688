-- Audit trail (SEC-05, CRY-04): append-only, sealed into an HMAC-SM3 hash chain by a background sealer.
create schema if not exists platform;

create table platform.audit_event (
    id               bigint generated always as identity primary key,
    occurred_at      timestamptz not null,
    category         text        not null check (category in ('SECURITY', 'HEALTH_DATA_READ', 'HEALTH_DATA_WRITE', 'ADMINISTRATION')),
    action           text        not null,
    outcome          text        not null check (outcome in ('SUCCESS', 'FAILURE')),
    actor_account_id bigint,
    actor_username   text,
    actor_role       text,
    actor_kind       text,
    organisation_id  bigint,
    resident_id      bigint,
    object_type      text,
    object_id        text,
    purpose          text,
    subject          text,
    detail           text,
    client_address   text,
    correlation_id   text,
    -- Set once by the sealer, never changed afterwards (see the trigger below).
    chain_seq        bigint unique,
    prev_hash        bytea,
    entry_hash       bytea,
    sealed_at        timestamptz,
    constraint audit_event_sealed_together check (
        (chain_seq is null and prev_hash is null and entry_hash is null and sealed_at is null)
        or (chain_seq is not null and prev_hash is not null and entry_hash is not null and sealed_at is not null))
);

comment on table platform.audit_event is 'Append-only audit trail (SEC-05); rows are chained by chain_seq/prev_hash/entry_hash (HMAC-SM3, CRY-04)';

-- The sealer picks unsealed rows in id order.
create index audit_event_unsealed_idx on platform.audit_event (id) where chain_seq is null;
-- Admin page: newest first, filtered by time, actor, resident, category, action.
create index audit_event_time_idx on platform.audit_event (occurred_at desc, id desc);
create index audit_event_actor_idx on platform.audit_event ((coalesce(actor_username, subject)), occurred_at desc, id desc);
create index audit_event_category_idx on platform.audit_event (category, occurred_at desc, id desc);
create index audit_event_action_idx on platform.audit_event (action, occurred_at desc, id desc);
-- "Who viewed resident X": the admin filter and, later, the resident's own access log.
create index audit_event_resident_idx on platform.audit_event (resident_id, occurred_at desc, id desc) where resident_id is not null;

-- One row: where verification starts after a retention purge, and the last sealed link (to detect a cut-off tail).
-- The MACs are written by the application (the key never reaches the database); genesis values need none.
create table platform.audit_chain_anchor (
    id                  smallint primary key check (id = 1),
    purged_through_seq  bigint      not null,
    purged_through_hash bytea       not null,
    purged_mac          bytea,
    purged_at           timestamptz,
    head_seq            bigint      not null,
    head_hash           bytea       not null,
    head_mac            bytea,
    algorithm           text
);

insert into platform.audit_chain_anchor (id, purged_through_seq, purged_through_hash, head_seq, head_hash)
values (1, 0, decode(repeat('00', 32), 'hex'), 0, decode(repeat('00', 32), 'hex'));

-- Append-only in the database itself: no UPDATE except the one-time sealing of a row, no DELETE except
-- by the retention purge (which sets yiwang.audit_purge for its own transaction) of rows already behind
-- the anchor, no TRUNCATE.
create function platform.audit_event_guard() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        if coalesce(current_setting('yiwang.audit_purge', true), '') = 'on'
           and old.chain_seq is not null
           and old.chain_seq <= (select purged_through_seq from platform.audit_chain_anchor where id = 1) then
            return old;
        end if;
        raise exception 'platform.audit_event is append-only (SEC-05): delete of entry % refused', old.id
            using errcode = 'P0001';
    end if;
    if tg_op = 'UPDATE' then
        if old.chain_seq is null and old.prev_hash is null and old.entry_hash is null and old.sealed_at is null
           and new.chain_seq is not null and new.prev_hash is not null and new.entry_hash is not null and new.sealed_at is not null
           and (to_jsonb(new) - array ['chain_seq', 'prev_hash', 'entry_hash', 'sealed_at'])
               = (to_jsonb(old) - array ['chain_seq', 'prev_hash', 'entry_hash', 'sealed_at']) then
            return new;
        end if;
        raise exception 'platform.audit_event is append-only (SEC-05): update of entry % refused', old.id
            using errcode = 'P0001';
    end if;
    raise exception 'platform.audit_event is append-only (SEC-05): % refused', tg_op using errcode = 'P0001';
end;
$$;

create trigger audit_event_append_only
    before update or delete on platform.audit_event
    for each row execute function platform.audit_event_guard();

create trigger audit_event_no_truncate
    before truncate on platform.audit_event
    for each statement execute function platform.audit_event_guard();
