package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.IntegrationTest;

/** REC-03 serials from one sequence per village. Villages 51992199x101 are not in the demo county. */
@IntegrationTest
class HealthRecordSerialsIntegrationTests {

    @Autowired
    HealthRecordSerials serials;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void registrationsInOneVillageDoNotWaitForEachOthersCommit() throws Exception {
        String village = "519921999101";
        HealthRecordNumber first = transactions.execute(tx -> serials.next(village));
        // a registration still open holds no lock that a second one in the same village would wait for
        Callable<HealthRecordNumber> open = () -> transactions.execute(tx -> {
            HealthRecordNumber mine = serials.next(village);
            try (var pool = Executors.newSingleThreadExecutor()) {
                Future<HealthRecordNumber> other = pool.submit(() -> transactions.execute(t -> serials.next(village)));
                assertThat(other.get(10, java.util.concurrent.TimeUnit.SECONDS).serial()).isEqualTo(mine.serial() + 1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return mine;
        });
        assertThat(open.call().serial()).isEqualTo(first.serial() + 1);
        assertThat(serials.last(village)).isEqualTo(first.serial() + 2);
    }

    @Test
    void concurrentFirstRegistrationsInANewVillageGetDistinctSerials() throws Exception {
        String village = "519921998101";
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> transactions.execute(tx -> serials.next(village).serial()));
        }
        List<Integer> got = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                got.add(f.get());
            }
        }
        assertThat(got).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void refusesASerialOnceTheVillageHasUsedAllOfThem() {
        String village = "519921997101";
        serials.skipTo(village, HealthRecordNumber.MAX_SERIAL - 1);
        assertThat(serials.next(village).value()).isEqualTo(village + "99999");
        // REC-03: five digits; the registration is refused with a reason instead of failing
        assertThatThrownBy(() -> serials.next(village)).isInstanceOfSatisfying(ResidentInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("divisionCode",
                                "mpi.division.error.SERIALS_USED_UP")));
        assertThat(serials.last(village)).isEqualTo(HealthRecordNumber.MAX_SERIAL);
    }
}
