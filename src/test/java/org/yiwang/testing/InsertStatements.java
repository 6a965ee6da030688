package org.yiwang.testing;

import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the INSERT statements executed on some tables while it is open, whichever connection runs them (a request's
 * as well as the test's): a statement-level trigger with a transition table, committed on open and dropped on close,
 * records per statement the table, the rows inserted, the values of one column of theirs (to pick a test's own
 * statements out of a shared database) and the client's statement text ({@code current_query()}), which tells a
 * statement of its own from a sub-statement ({@code with … insert}) of another.
 * <pre>{@code
 * try (InsertStatements inserts = InsertStatements.on(jdbc, "records.entry:resident_id")) {
 *     …
 *     assertThat(inserts.of("records.entry", residentId)).extracting(Statement::rows).containsExactly(1, 10);
 * }
 * }</pre>
 */
public final class InsertStatements implements AutoCloseable {

    /** One INSERT statement: its table, rows, the values of the watched column and the client's statement text. */
    public record Statement(String table, int rows, List<Long> keys, String query) {
    }

    private static final String LOG = "public.test_insert_statement";
    private static final String FUNCTION = "public.test_count_insert";
    private static final String TRIGGER = "test_count_insert";

    private final JdbcClient jdbc;
    private final List<String> tables;

    private InsertStatements(JdbcClient jdbc, List<String> tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /**
     * Starts counting on each {@code schema.table:column} given (the column: a bigint of the rows that identifies the
     * test's own, e.g. {@code resident_id}).
     */
    public static InsertStatements on(JdbcClient jdbc, String... tablesAndColumns) {
        jdbc.sql("create table if not exists " + LOG + " (id bigserial primary key, table_name text not null, "
                + "row_count int not null, keys bigint[], query text)").update();
        jdbc.sql("""
                create or replace function %s() returns trigger language plpgsql as $$
                begin
                    execute format('insert into %s (table_name, row_count, keys, query) '
                            || 'select %%L, count(*), array_agg(%%I), current_query() from new_rows',
                            tg_table_schema || '.' || tg_table_name, tg_argv[0]);
                    return null;
                end $$""".formatted(FUNCTION, LOG)).update();
        List<String> tables = Arrays.stream(tablesAndColumns).map(t -> t.substring(0, t.indexOf(':'))).toList();
        InsertStatements counter = new InsertStatements(jdbc, tables);
        try {
            for (String tableAndColumn : tablesAndColumns) {
                String table = tableAndColumn.substring(0, tableAndColumn.indexOf(':'));
                String column = tableAndColumn.substring(tableAndColumn.indexOf(':') + 1);
                jdbc.sql("create trigger " + TRIGGER + " after insert on " + table
                        + " referencing new table as new_rows for each statement execute function " + FUNCTION
                        + "('" + column + "')").update();
            }
        } catch (RuntimeException e) {
            counter.close();
            throw e;
        }
        return counter;
    }

    /** The statements on {@code table} that inserted a row whose watched column is {@code key}, in order. */
    public List<Statement> of(String table, long key) {
        return jdbc.sql("select table_name, row_count, keys, query from " + LOG
                        + " where table_name = :table and :key = any(keys) order by id")
                .param("table", table).param("key", key)
                .query((rs, n) -> new Statement(rs.getString(1), rs.getInt(2),
                        Arrays.asList((Long[]) rs.getArray(3).getArray()), rs.getString(4)))
                .list();
    }

    @Override
    public void close() {
        for (String table : tables) {
            jdbc.sql("drop trigger if exists " + TRIGGER + " on " + table).update();
        }
        jdbc.sql("drop function if exists " + FUNCTION + "()").update();
        jdbc.sql("drop table if exists " + LOG).update();
    }
}
