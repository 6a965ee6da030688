package org.yiwang.mpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Measures the master index's lookups at county scale: fills a scratch database with synthetic residents
 * (set-based, {@code created_by = 'benchmark'}, documents and phones with random blind indexes), then times the
 * registration's candidate lookup and the searches on real rows, and removes the synthetic rows again. Only for the
 * {@code mpi-bench} command on a scratch database.
 */
@Service
public class ResidentLookupBenchmark {

    static final String CREATED_BY = "benchmark";
    private static final String[][] SURNAMES = {{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"},
            {"陈", "chen"}, {"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"}, {"吴", "wu"}, {"周", "zhou"},
            {"徐", "xu"}, {"孙", "sun"}, {"马", "ma"}, {"朱", "zhu"}, {"胡", "hu"}, {"郭", "guo"}, {"何", "he"},
            {"林", "lin"}, {"高", "gao"}, {"罗", "luo"}};
    private static final String[][] GIVEN = {{"伟", "wei"}, {"强", "qiang"}, {"磊", "lei"}, {"军", "jun"},
            {"勇", "yong"}, {"杰", "jie"}, {"涛", "tao"}, {"斌", "bin"}, {"明", "ming"}, {"超", "chao"},
            {"刚", "gang"}, {"平", "ping"}, {"辉", "hui"}, {"鹏", "peng"}, {"华", "hua"}, {"飞", "fei"},
            {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"}, {"丽", "li"}, {"艳", "yan"},
            {"娟", "juan"}, {"霞", "xia"}, {"秀", "xiu"}, {"英", "ying"}, {"慧", "hui"}, {"莹", "ying"},
            {"雪", "xue"}, {"琳", "lin"}, {"玉", "yu"}, {"萍", "ping"}, {"红", "hong"}, {"玲", "ling"},
            {"燕", "yan"}, {"梅", "mei"}, {"婷", "ting"}, {"佳", "jia"}, {"欣", "xin"}, {"怡", "yi"}};

    private final JdbcClient jdbc;
    private final ResidentQueries queries;
    private final MpiProperties properties;

    ResidentLookupBenchmark(JdbcClient jdbc, ResidentQueries queries, MpiProperties properties) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.properties = properties;
    }

    /** Latencies of one kind of lookup, in milliseconds. */
    public record Timing(String lookup, int runs, double p50Ms, double p95Ms, double maxMs, double meanRows) {
    }

    public record Report(long residentsOnFile, long insertedResidents, double fillSeconds, List<Timing> timings,
            List<String> candidatePlan) {
    }

    /** Inserts {@code residents} synthetic residents (if fewer are there), times {@code lookups} of each kind. */
    public Report run(int residents, int lookups, long seed) {
        long existing = jdbc.sql("select count(*) from mpi.resident where created_by = :by")
                .param("by", CREATED_BY).query(Long.class).single();
        long started = System.nanoTime();
        if (existing < residents) {
            fill(existing + 1, residents);
        }
        double fillSeconds = (System.nanoTime() - started) / 1e9;
        record Sample(long id, String name, String pinyinKey, LocalDate birthDate, int sex, byte[] document,
                byte[] phone) {
        }
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            long g = 1 + random.nextInt(residents);
            samples.add(jdbc.sql("""
                            select r.id, r.name, r.pinyin_key, r.birth_date, r.sex, d.number_index, p.phone_index
                            from mpi.resident r
                            join mpi.identity_document d on d.resident_id = r.id
                            join mpi.resident_phone p on p.resident_id = r.id
                            where r.health_record_number = cast(:hrn as bpchar)""")
                    .param("hrn", number(g))
                    .query((rs, n) -> new Sample(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getBytes(6), rs.getBytes(7)))
                    .single());
        }
        List<Timing> timings = new ArrayList<>();
        timings.add(time("candidates (document, phone, pinyin+birth date, swapped date, trigram name)", samples,
                s -> () -> {
                    var found = queries.candidates(new ResidentQueries.CandidateProbe(List.of(s.document()),
                            List.of(s.phone()), s.pinyinKey(), s.birthDate(), Sex.fromCode(s.sex()), -1L),
                            properties.nameSimilarity());
                    return queries.listItems(found.keySet()).size();
                }));
        timings.add(time("candidates without document or phone (name and birth date only)", samples,
                s -> () -> queries.candidates(new ResidentQueries.CandidateProbe(List.of(), List.of(), s.pinyinKey(),
                        s.birthDate(), Sex.fromCode(s.sex()), -1L), properties.nameSimilarity()).size()));
        timings.add(time("search by document blind index", samples, s -> () -> queries.search("""
                        r.id in (select resident_id from mpi.identity_document
                                 where number_index in (:documentIndexes) and voided_at is null)""",
                Map.of("documentIndexes", List.of(s.document())), 0, properties.pageSize() + 1).size()));
        timings.add(time("search by name prefix (first page)", samples, s -> () -> queries.search(
                "r.name like :namePrefix", Map.of("namePrefix", s.name().substring(0, 2) + "%"), 0,
                properties.pageSize() + 1).size()));
        timings.add(time("search by pinyin prefix (first page)", samples, s -> () -> queries.search(
                "r.pinyin_key like :pinyinPrefix", Map.of("pinyinPrefix", s.pinyinKey() + "%"), 0,
                properties.pageSize() + 1).size()));
        Sample sample = samples.getFirst();
        List<String> plan = jdbc.sql("""
                        explain (analyze, costs off, timing off, summary off)
                        select id from mpi.resident
                        where birth_date = :birthDate and sex = :sex and voided_at is null
                          and pinyin_key <> :pinyinKey and similarity(pinyin_key, :pinyinKey) >= :similarity
                        limit 20""")
                .param("birthDate", sample.birthDate()).param("sex", sample.sex())
                .param("pinyinKey", sample.pinyinKey()).param("similarity", properties.nameSimilarity())
                .query(String.class).list();
        long onFile = jdbc.sql("select count(*) from mpi.resident").query(Long.class).single();
        return new Report(onFile, Math.max(0, residents - existing), fillSeconds, timings, plan);
    }

    /** Removes the synthetic residents and their documents and phones. */
    public long clean() {
        jdbc.sql("delete from mpi.identity_document where created_by = :by").param("by", CREATED_BY).update();
        jdbc.sql("delete from mpi.resident_phone where created_by = :by").param("by", CREATED_BY).update();
        return jdbc.sql("delete from mpi.resident where created_by = :by").param("by", CREATED_BY).update();
    }

    private <S> Timing time(String lookup, List<S> samples, java.util.function.Function<S, Supplier<Integer>> query) {
        query.apply(samples.getFirst()).get(); // warm-up
        double[] ms = new double[samples.size()];
        long rows = 0;
        for (int i = 0; i < samples.size(); i++) {
            long start = System.nanoTime();
            rows += query.apply(samples.get(i)).get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(lookup, ms.length, ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1],
                ms[ms.length - 1], (double) rows / ms.length);
    }

    private static String number(long g) {
        return "519999" + "%011d".formatted(g);
    }

    private void fill(long from, long to) {
        String surnamesZh = array(SURNAMES, 0);
        String surnamesPy = array(SURNAMES, 1);
        String givenZh = array(GIVEN, 0);
        String givenPy = array(GIVEN, 1);
        int s = SURNAMES.length;
        int n = GIVEN.length;
        // name = surname + two given characters: 32,000 distinct names (repeating every 32,000 residents) over
        // 32,003 birth days (repeating every 32,003), so a name and birth date pair is unique, as in a county where
        // namesakes are common but rarely born the same day
        jdbc.sql("""
                        insert into mpi.resident (health_record_number, name, pinyin, pinyin_key, sex, birth_date,
                            ethnicity, division_code, address, registered_organisation_id, created_by)
                        select '519999' || lpad(g::text, 11, '0'),
                               (%1$s)[1 + g %% %5$d] || (%3$s)[1 + (g / %5$d) %% %6$d] || (%3$s)[1 + (g / %7$d) %% %6$d],
                               (%2$s)[1 + g %% %5$d] || ' ' || (%4$s)[1 + (g / %5$d) %% %6$d] || (%4$s)[1 + (g / %7$d) %% %6$d],
                               (%2$s)[1 + g %% %5$d] || (%4$s)[1 + (g / %5$d) %% %6$d] || (%4$s)[1 + (g / %7$d) %% %6$d],
                               1 + (g %% 2), date '1935-01-01' + ((g * 7919) %% 32003)::int, '01',
                               '519999' || lpad((1 + g %% 400)::text, 6, '0'), '基准测试地址 ' || g, 1, 'benchmark'
                        from generate_series(:from, :to) g
                        """.formatted(surnamesZh, surnamesPy, givenZh, givenPy, s, n, s * n))
                .param("from", from).param("to", to)
                .update();
        jdbc.sql("""
                        insert into mpi.identity_document (resident_id, type, number_ciphertext, number_index,
                            number_masked, is_primary, created_by)
                        select id, 'RESIDENT_ID', decode(md5('c' || id), 'hex'), decode(md5('d' || id) || md5('e' || id), 'hex'),
                               '5199**********0000', true, 'benchmark'
                        from mpi.resident r where created_by = 'benchmark'
                          and not exists (select 1 from mpi.identity_document d where d.resident_id = r.id)""")
                .update();
        jdbc.sql("""
                        insert into mpi.resident_phone (resident_id, phone_ciphertext, phone_index, phone_masked, kind,
                            is_primary, created_by)
                        select id, decode(md5('q' || id), 'hex'), decode(md5('p' || id) || md5('o' || id), 'hex'),
                               '138****0000', 'MOBILE', true, 'benchmark'
                        from mpi.resident r where created_by = 'benchmark'
                          and not exists (select 1 from mpi.resident_phone p where p.resident_id = r.id)""")
                .update();
        jdbc.sql("analyze mpi.resident").update();
        jdbc.sql("analyze mpi.identity_document").update();
        jdbc.sql("analyze mpi.resident_phone").update();
    }

    private static String array(String[][] values, int column) {
        StringBuilder out = new StringBuilder("array[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append('\'').append(values[i][column]).append('\'');
        }
        return out.append("]::text[]").toString();
    }
}
