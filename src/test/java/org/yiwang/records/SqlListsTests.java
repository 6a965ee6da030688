package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlListsTests {

    @Test
    void bindsOneValueAsAScalarSoThatPostgresCanKeepTheGenericPlan() {
        Map<String, Object> params = new HashMap<>();
        assertThat(SqlLists.equalsAny("e.resident_id", "residents", List.of(7L), Long[]::new, params))
                .isEqualTo("e.resident_id = :residents");
        assertThat(params).containsEntry("residents", 7L);
    }

    @Test
    void bindsSeveralValuesOrNoneAsAnArray() {
        Map<String, Object> params = new HashMap<>();
        assertThat(SqlLists.equalsAny("e.code", "codes", List.of("a", "b"), String[]::new, params))
                .isEqualTo("e.code = any(:codes)");
        assertThat((String[]) params.get("codes")).containsExactly("a", "b");
        assertThat(SqlLists.equalsAny("e.kind", "kinds", List.of(), String[]::new, params))
                .isEqualTo("e.kind = any(:kinds)");
        assertThat((String[]) params.get("kinds")).isEmpty();
    }
}
