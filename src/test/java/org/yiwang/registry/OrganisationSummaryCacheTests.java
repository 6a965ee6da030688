package org.yiwang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OrganisationSummaryCacheTests {

    final AtomicLong nanos = new AtomicLong(1_000);
    final AtomicInteger loads = new AtomicInteger();
    final OrganisationSummaryCache cache = new OrganisationSummaryCache(Duration.ofSeconds(10), 3, nanos::get);

    static OrganisationSummary village(long id, String division) {
        return new OrganisationSummary(id, "V" + id, "柳溪村卫生室", "Liuxi Village Clinic", OrganisationType.VILLAGE_CLINIC,
                2L, division);
    }

    Optional<OrganisationSummary> read(long id, String division) {
        return cache.summary(id, () -> {
            loads.incrementAndGet();
            return Optional.ofNullable(division).map(d -> village(id, d));
        });
    }

    @Test
    void keepsAFoundSummaryForItsLifetimeThenReadsItAgain() {
        assertThat(read(7, "511623102201")).get().extracting(OrganisationSummary::divisionCode).isEqualTo("511623102201");
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(read(7, "511623102299")).get().extracting(OrganisationSummary::divisionCode)
                .as("still fresh: the kept one").isEqualTo("511623102201");
        assertThat(loads).hasValue(1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(read(7, "511623102299")).get().extracting(OrganisationSummary::divisionCode).isEqualTo("511623102299");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aMissingOrganisationIsLookedUpEveryTimeSoANewOneIsSeenAtOnce() {
        assertThat(read(8, null)).isEmpty();
        assertThat(read(8, "511623102202")).isPresent();
        assertThat(loads).hasValue(2);
    }

    @Test
    void keepsOnlyAServedDivisionSoANewlyServedOneIsSeenAtOnce() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(cache.serves(OrganisationType.VILLAGE_CLINIC, "511623102203", () -> asked.incrementAndGet() > 1))
                .isFalse();
        assertThat(cache.serves(OrganisationType.VILLAGE_CLINIC, "511623102203", () -> asked.incrementAndGet() > 1))
                .isTrue();
        assertThat(cache.serves(OrganisationType.VILLAGE_CLINIC, "511623102203", () -> asked.incrementAndGet() < 0))
                .as("kept").isTrue();
        assertThat(cache.serves(OrganisationType.TOWNSHIP_HEALTH_CENTRE, "511623102203", () -> false))
                .as("another type is another question").isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    void forgettingMakesTheNextReadGoToTheDatabase() {
        read(7, "511623102201");
        cache.serves(OrganisationType.VILLAGE_CLINIC, "511623102201", () -> true);
        cache.forgetAll();
        assertThat(read(7, "511623102204")).get().extracting(OrganisationSummary::divisionCode).isEqualTo("511623102204");
        assertThat(cache.serves(OrganisationType.VILLAGE_CLINIC, "511623102201", () -> false)).isFalse();
    }

    @Test
    void staysBoundedByStartingAgainWhenFull() {
        for (long id = 1; id <= 10; id++) {
            read(id, "511623102201");
        }
        loads.set(0);
        read(10, "511623102201");
        read(1, "511623102201");
        assertThat(loads).as("the last one kept, the first one dropped").hasValue(1);
    }

    @Test
    void aLifetimeOfZeroAlwaysReadsTheDatabase() {
        OrganisationSummaryCache off = new OrganisationSummaryCache(Duration.ZERO, 3, nanos::get);
        AtomicInteger n = new AtomicInteger();
        off.summary(7, () -> Optional.of(village(7, "511623102201" + n.incrementAndGet())));
        off.summary(7, () -> Optional.of(village(7, "511623102201" + n.incrementAndGet())));
        assertThat(n).hasValue(2);
    }
}
