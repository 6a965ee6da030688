package org.yiwang.records;

import java.util.Collection;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * List conditions that PostgreSQL plans once per connection. A prepared statement is planned anew on every execution
 * while its generic plan looks dearer than a custom one, and with an array parameter it always does: the generic plan
 * assumes ten elements (and may then leave the array out of the index condition). The lists here nearly always hold
 * one value (a resident's record ids, the kind or code searched for), so one value is bound as a scalar, whose
 * generic plan PostgreSQL keeps. Measured: an Observation search spent more time planning than executing.
 */
final class SqlLists {

    private SqlLists() {
    }

    /** {@code column = :name} for one value, {@code column = any(:name)} for several (or none); binds the parameter. */
    static <T> String equalsAny(String column, String name, Collection<? extends T> values, IntFunction<T[]> array,
                                Map<String, Object> params) {
        if (values.size() == 1) {
            params.put(name, values.iterator().next());
            return column + " = :" + name;
        }
        params.put(name, values.toArray(array));
        return column + " = any(:" + name + ")";
    }
}
