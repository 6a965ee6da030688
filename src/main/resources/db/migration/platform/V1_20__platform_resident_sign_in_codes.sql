-- Residents sign in with their mobile number and a one-time code sent by SMS (issue 4, point 4).
-- One row per mobile number (keyed blind index, never the number itself); every change is one atomic statement,
-- so the attempt, expiry and resend limits hold with several application nodes.
create table platform.sign_in_code (
    phone_index   bytea       primary key,
    -- HMAC of number, salt and code under the blind-index key: the code itself is never stored
    code_hash     bytea       not null,
    salt          bytea       not null,
    issued_at     timestamptz not null,
    expires_at    timestamptz not null,
    attempts      integer     not null default 0,
    consumed_at   timestamptz,
    -- resend limits: the last send, and sends on the current day (Asia/Shanghai)
    last_sent_at  timestamptz not null,
    send_day      date        not null,
    sent_on_day   integer     not null
);
-- a housekeeping purge of stale rows finds them by age
create index sign_in_code_last_sent_idx on platform.sign_in_code (last_sent_at);

-- A resident account signed in with a one-time code has no password until the resident sets one.
alter table platform.account add column password_set boolean not null default true;
-- one portal account per resident, also when two first sign-ins race on two nodes
create unique index account_resident_uq on platform.account (resident_id) where kind = 'RESIDENT';
