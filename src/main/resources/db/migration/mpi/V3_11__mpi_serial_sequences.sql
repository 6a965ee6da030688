-- REC-03 serials come from one sequence per village (mpi.health_record_serial_<12-digit village>, created on the
-- village's first registration): the counter row of mpi.health_record_serial stayed locked until the registering
-- transaction committed, so registrations in one village ran one after another. The counters on file move over.
do $$
declare
    counter record;
begin
    for counter in select division_code, last_serial from mpi.health_record_serial loop
        execute format('create sequence mpi.health_record_serial_%s as integer minvalue 1 maxvalue 99999 no cycle',
                       counter.division_code);
        perform setval(format('mpi.health_record_serial_%s', counter.division_code)::regclass, counter.last_serial);
    end loop;
end $$;

drop table mpi.health_record_serial;
