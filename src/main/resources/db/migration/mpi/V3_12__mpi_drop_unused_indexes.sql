-- Every registration writes each index of mpi.resident and mpi.identity_document; three of them answered no query.
-- * The trigram index on pinyin: the similar-name candidate branch filters with similarity(), which no index serves,
--   after the (birth_date, sex) index has found the few residents born that day (see ResidentQueries.candidates).
-- * mpi.resident (phone_index): phones are looked up in mpi.resident_phone, which holds every phone.
-- * identity_document (number_index) beside the unique (type, number_index) of living documents: every look-up by
--   blind index asks for living documents, so one unique index led by number_index serves both.
drop index mpi.resident_pinyin_key_trgm_idx;
drop index mpi.resident_phone_index_idx;
create unique index identity_document_index_type_uq on mpi.identity_document (number_index, type) where voided_at is null;
drop index mpi.identity_document_number_uq;
drop index mpi.identity_document_index_idx;
