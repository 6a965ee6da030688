package org.yiwang.ecg;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.InvalidInputException;

/**
 * How fast a reading centre reads: per day (Asia/Shanghai, by upload time) the count, median and 90th percentile of
 * upload-to-signed, separately for ECGs signed as critical values (target: median within the configured minutes in
 * normal staffing), first ECG (acquisition) to ECG diagnosis (CPC-03: &lt; 10 min for STEMI), and the steps between (upload-to-claimed, claimed-to-signed, signed-to-acknowledged). Derived
 * from the stored timestamps, never from stored durations (CPC-12). Aggregates only: no resident is read.
 */
@Service
public class EcgTurnaround {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The longest period one call covers. */
    public static final int MAX_DAYS = 366;

    private final ReadingStore store;
    private final CurrentActor currentActor;
    private final EcgProperties properties;

    EcgTurnaround(ReadingStore store, CurrentActor currentActor, EcgProperties properties) {
        this.store = store;
        this.currentActor = currentActor;
        this.properties = properties;
    }

    /**
     * Days {@code from}..{@code to} (inclusive) of the centre, oldest first, only days with signed ECGs. Readers see
     * their own centre; commission analysts and system jobs any centre.
     *
     * @throws InvalidInputException when the period is reversed or longer than {@link #MAX_DAYS}
     */
    @Transactional(readOnly = true)
    public List<TurnaroundDay> forCentre(long centreId, LocalDate from, LocalDate to) {
        currentActor.current().ifPresent(actor -> requireMayView(actor, centreId));
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidInputException("a turnaround period runs forward and covers at most " + MAX_DAYS
                    + " days, not " + from + " to " + to);
        }
        Duration target = properties.reading().criticalSignedTarget();
        Map<LocalDate, TurnaroundDay.Figures[]> days = new LinkedHashMap<>();
        for (ReadingStore.TurnaroundRow row : store.turnaround(centreId, from.atStartOfDay(ZONE).toInstant(),
                to.plusDays(1).atStartOfDay(ZONE).toInstant(), ZONE.getId())) {
            TurnaroundDay.Figures[] pair = days.computeIfAbsent(row.day(),
                    d -> new TurnaroundDay.Figures[] {TurnaroundDay.Figures.NONE, TurnaroundDay.Figures.NONE});
            if (row.critical() == null) {
                pair[0] = figures(row);
            } else if (row.critical()) {
                pair[1] = figures(row);
            }
        }
        List<TurnaroundDay> out = new ArrayList<>();
        days.forEach((day, pair) -> out.add(new TurnaroundDay(day, pair[0], pair[1], target,
                pair[1].count() == 0 ? null : pair[1].medianUploadToSigned().compareTo(target) <= 0)));
        return out;
    }

    /** The centre the current reader acts for. */
    public long currentCentre() {
        Actor actor = currentActor.current().orElseThrow(() -> new AccessDeniedException("sign in first"));
        if (!actor.hasRole(Role.ECG_READER) || actor.actingOrganisationId() == null) {
            throw new AccessDeniedException("turnaround of one's own centre is for ECG readers");
        }
        return actor.actingOrganisationId();
    }

    private static void requireMayView(Actor actor, long centreId) {
        boolean reader = actor.hasRole(Role.ECG_READER) && actor.actingOrganisationId() != null
                && actor.actingOrganisationId() == centreId;
        if (!reader && !actor.hasRole(Role.COMMISSION_ANALYST) && !actor.hasRole(Role.SYSTEM_ADMIN)) {
            throw new AccessDeniedException("a centre's turnaround is for its readers and the commission");
        }
    }

    private static TurnaroundDay.Figures figures(ReadingStore.TurnaroundRow r) {
        return new TurnaroundDay.Figures(r.count(), seconds(r.medianAcquired()), seconds(r.p90Acquired()),
                seconds(r.medianSigned()), seconds(r.p90Signed()),
                seconds(r.medianClaimed()), seconds(r.p90Claimed()), seconds(r.medianClaimedToSigned()),
                seconds(r.p90ClaimedToSigned()), r.acknowledged(), seconds(r.medianAcknowledged()),
                seconds(r.p90Acknowledged()));
    }

    private static Duration seconds(Double s) {
        return s == null ? null : Duration.ofMillis(Math.round(s * 1000));
    }
}
