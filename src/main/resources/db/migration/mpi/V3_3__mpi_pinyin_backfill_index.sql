-- Residents still without derived pinyin (registered before V3_2), for the start-up backfill to find cheaply.
create index resident_pinyin_missing_idx on mpi.resident (id) where pinyin_key is null;
