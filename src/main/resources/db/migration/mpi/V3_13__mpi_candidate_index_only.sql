-- The similar-name candidate branch (ResidentQueries.candidates) reads every living resident of the same birth date
-- and sex, 30 to 60 of them at a million residents, and compares pinyin. Through the (birth_date, sex) index that was
-- one random heap page per resident, and at the bench database's size it was most of a registration's database
-- time. With pinyin_key and id in the index the branch is an index-only scan.
create index resident_birth_date_sex_pinyin_idx on mpi.resident (birth_date, sex) include (pinyin_key, id)
    where voided_at is null;
drop index mpi.resident_birth_date_sex_idx;

-- An index-only scan still visits the heap for pages not yet marked all-visible, that is for rows inserted since the
-- last vacuum. By default an insert-only table is vacuumed after 20 % growth; registrations are mostly inserts, so
-- vacuum after 1 %.
alter table mpi.resident set (autovacuum_vacuum_insert_scale_factor = 0.01);
