package org.yiwang.ecg.web;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** Durations as the turnaround page shows them: {@code m:ss}, {@code h:mm:ss} from an hour, "—" when absent. */
@Component("ecgDurations")
public class Durations {

    public String format(Duration d) {
        if (d == null) {
            return "—";
        }
        long seconds = Math.round(d.toMillis() / 1000.0);
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? "%d:%02d:%02d".formatted(h, m, s) : "%d:%02d".formatted(m, s);
    }

    /** A number of seconds as {@link #format}: a Holter's AF episodes. */
    public String seconds(double seconds) {
        return format(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** {@code median / p90}. */
    public String pair(Duration median, Duration p90) {
        return format(median) + " / " + format(p90);
    }
}
