package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;

/** Residents registered before V3_2 get their pinyin and first version at start-up. */
@IntegrationTest
class ResidentBackfillIntegrationTests {

    @Autowired
    ResidentBackfill backfill;

    @Autowired
    JdbcClient jdbc;

    @Test
    void derivesMissingPinyinAndRecordsAMissingFirstVersion() {
        long id = jdbc.sql("select id from mpi.resident where created_by = 'system:demo' order by id desc limit 1")
                .query(Long.class).single();
        String pinyin = jdbc.sql("select pinyin from mpi.resident where id = :id").param("id", id).query(String.class).single();
        jdbc.sql("update mpi.resident set pinyin = null, pinyin_key = null where id = :id").param("id", id).update();
        jdbc.sql("delete from mpi.resident_version where resident_id = :id").param("id", id).update();

        backfill.backfill();

        assertThat(jdbc.sql("select pinyin from mpi.resident where id = :id").param("id", id).query(String.class).single())
                .isEqualTo(pinyin);
        assertThat(jdbc.sql("select count(*) from mpi.resident_version where resident_id = :id and change = 'REGISTERED'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mpi.resident where pinyin_key is null").query(Long.class).single()).isZero();
    }
}
