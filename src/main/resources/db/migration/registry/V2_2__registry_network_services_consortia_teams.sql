-- Organisations network: materialised path, services, capacity, consortia; practitioner sites and
-- specialties; family-doctor teams (domain-rules §2).

alter table registry.organisation drop constraint organisation_type_check;
alter table registry.organisation add constraint organisation_type_check check (type in ('COUNTY_HOSPITAL',
    'TCM_HOSPITAL', 'MCH_HOSPITAL', 'CDC', 'HEALTH_COMMISSION', 'TOWNSHIP_HEALTH_CENTRE', 'COMMUNITY_HEALTH_CENTRE',
    'VILLAGE_CLINIC', 'PHARMACY', 'TERTIARY_HOSPITAL'));
alter table registry.organisation
    add column active      boolean     not null default true,
    add column beds        integer     check (beds between 0 and 20000),
    add column phone       varchar(20),
    add column updated_at  timestamptz,
    add column updated_by  varchar(64),
    add column version     integer     not null default 0,
    -- '/<root id>/…/<own id>/': "is A above B" is one primary-key lookup of B, "subtree of X" one prefix scan
    -- collation C: paths compare byte-wise, so a subtree is the range [path, path-without-last-'/' || '0')
    add column path        varchar(400) collate "C";

-- the path follows parent_id: computed on insert and on a parent change, carried down to the subtree on a move
create function registry.organisation_set_path() returns trigger language plpgsql as $$
declare
    parent_path varchar(400) collate "C";
begin
    if new.parent_id is null then
        new.path := '/' || new.id || '/';
    else
        select path into parent_path from registry.organisation where id = new.parent_id;
        if parent_path is null then
            raise exception 'parent % has no path', new.parent_id using errcode = '23503';
        end if;
        if position('/' || new.id || '/' in parent_path) > 0 then
            raise exception 'organisation % cannot be placed under its own subtree', new.id using errcode = '23514';
        end if;
        new.path := parent_path || new.id || '/';
    end if;
    return new;
end $$;

create function registry.organisation_move_subtree() returns trigger language plpgsql as $$
begin
    if pg_trigger_depth() = 1 and old.path is distinct from new.path then
        update registry.organisation
        set path = new.path || substr(path, length(old.path) + 1)
        where path > old.path and path < left(old.path, -1) || '0';
    end if;
    return null;
end $$;

with recursive tree (id, path) as (
    select id, '/' || id || '/' from registry.organisation where parent_id is null
    union all
    select o.id, t.path || o.id || '/' from tree t join registry.organisation o on o.parent_id = t.id
)
update registry.organisation o set path = t.path from tree t where t.id = o.id;

alter table registry.organisation alter column path set not null;
create index organisation_path_idx on registry.organisation (path);
create trigger organisation_path before insert or update of parent_id on registry.organisation
    for each row execute function registry.organisation_set_path();
create trigger organisation_path_moved after update of parent_id on registry.organisation
    for each row execute function registry.organisation_move_subtree();

-- Services offered (controlled vocabulary ServiceCode).
create table registry.organisation_service (
    organisation_id bigint      not null references registry.organisation (id),
    service         varchar(32) not null,
    primary key (organisation_id, service)
);
create index organisation_service_service_idx on registry.organisation_service (service, organisation_id);

-- 医共体 / 医联体 / 医疗集团 and their members.
create table registry.consortium (
    id          bigint generated always as identity primary key,
    code        varchar(32)  not null unique,
    name_zh     varchar(100) not null,
    name_en     varchar(200) not null,
    type        varchar(32)  not null check (type in ('MEDICAL_COMMUNITY', 'MEDICAL_ALLIANCE', 'HOSPITAL_GROUP')),
    created_at  timestamptz  not null default now(),
    created_by  varchar(64)  not null
);

create table registry.consortium_member (
    consortium_id   bigint      not null references registry.consortium (id),
    organisation_id bigint      not null references registry.organisation (id),
    role            varchar(16) not null check (role in ('LEAD', 'MEMBER', 'BRANCH')),
    joined_at       timestamptz not null default now(),
    joined_by       varchar(64) not null,
    primary key (consortium_id, organisation_id)
);
create index consortium_member_organisation_idx on registry.consortium_member (organisation_id);
-- one lead (牵头医院 / 总院) per consortium
create unique index consortium_one_lead_idx on registry.consortium_member (consortium_id) where role = 'LEAD';

-- Practitioners: specialties (诊疗科目) and practice sites beyond the primary organisation (多机构执业, 下沉).
alter table registry.practitioner
    add column active      boolean     not null default true,
    add column updated_at  timestamptz,
    add column updated_by  varchar(64),
    add column version     integer     not null default 0;
create index practitioner_name_idx on registry.practitioner ((name collate "C"));

create table registry.practitioner_specialty (
    practitioner_id bigint      not null references registry.practitioner (id),
    specialty       varchar(32) not null,
    primary key (practitioner_id, specialty)
);

create table registry.practitioner_site (
    practitioner_id bigint      not null references registry.practitioner (id),
    organisation_id bigint      not null references registry.organisation (id),
    role            varchar(16) not null check (role in ('ADDITIONAL', 'VISITING')),
    primary key (practitioner_id, organisation_id)
);
create index practitioner_site_organisation_idx on registry.practitioner_site (organisation_id);

-- Family-doctor teams (家庭医生团队, FD-01/FD-02): based at a township or community health centre, covering
-- some of its village clinics.
create table registry.care_team (
    id                   bigint generated always as identity primary key,
    name_zh              varchar(60)  not null,
    name_en              varchar(120) not null,
    base_organisation_id bigint       not null references registry.organisation (id),
    active               boolean      not null default true,
    created_at           timestamptz  not null default now(),
    created_by           varchar(64)  not null,
    updated_at           timestamptz,
    updated_by           varchar(64),
    version              integer      not null default 0
);
create index care_team_base_idx on registry.care_team (base_organisation_id);

create table registry.care_team_member (
    team_id         bigint      not null references registry.care_team (id),
    practitioner_id bigint      not null references registry.practitioner (id),
    role            varchar(20) not null check (role in ('LEAD_DOCTOR', 'NURSE', 'PUBLIC_HEALTH', 'SPECIALIST',
                        'VILLAGE_DOCTOR', 'ASSISTANT')),
    primary key (team_id, practitioner_id)
);
create index care_team_member_practitioner_idx on registry.care_team_member (practitioner_id);
create unique index care_team_one_lead_idx on registry.care_team_member (team_id) where role = 'LEAD_DOCTOR';

create table registry.care_team_coverage (
    team_id         bigint not null references registry.care_team (id),
    organisation_id bigint not null references registry.organisation (id),
    primary key (team_id, organisation_id)
);
create index care_team_coverage_organisation_idx on registry.care_team_coverage (organisation_id);
