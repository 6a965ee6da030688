-- Long recordings' original files are stored in parts: a 24 h 12-lead WFDB .dat is 0.8–1 GB, beyond what a node should
-- hold in memory and near PostgreSQL's 1 GB limit of one bytea. Such a file's content is null and its bytes are the
-- parts in ecg.recording_file_part (copied from the upload's chunks inside the database, in offset order).
alter table ecg.recording_file alter column content drop not null;
alter table ecg.recording_file add column size bigint;
update ecg.recording_file set size = octet_length(content);
alter table ecg.recording_file alter column size set not null;

create table ecg.recording_file_part (
    recording_id bigint not null,
    name         text   not null,
    start_offset bigint not null check (start_offset >= 0),
    bytes        bytea  not null,
    primary key (recording_id, name, start_offset),
    foreign key (recording_id, name) references ecg.recording_file
);
-- ECG samples hardly compress: out of line, uncompressed
alter table ecg.recording_file_part alter column bytes set storage external;
