package org.yiwang.mpi;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yiwang.platform.security.Role;

/**
 * Settings under {@code yiwang.mpi}: thresholds that counties change are configuration, not code.
 *
 * @param adultAge a guardian must be at least this old; younger residents without a document need a guardian
 * @param candidateLimit at most this many likely existing residents are shown before registering
 * @param nameSimilarity pg_trgm similarity of pinyin from which a resident born the same day with the same sex
 *        counts as a likely existing resident
 * @param pageSize rows per page of the resident search
 * @param unmaskRoles roles that may reveal a full identity-document number (each reveal is audited)
 */
@ConfigurationProperties("yiwang.mpi")
record MpiProperties(
        @DefaultValue("18") int adultAge,
        @DefaultValue("10") int candidateLimit,
        @DefaultValue("0.45") double nameSimilarity,
        @DefaultValue("20") int pageSize,
        @DefaultValue("REGISTRAR") Set<Role> unmaskRoles) {

    MpiProperties {
        if (adultAge < 14 || adultAge > 21) {
            throw new IllegalArgumentException("yiwang.mpi.adult-age must be between 14 and 21, is " + adultAge);
        }
        if (candidateLimit < 1 || pageSize < 1 || pageSize > 200) {
            throw new IllegalArgumentException("yiwang.mpi.candidate-limit and page-size must be positive (page ≤ 200)");
        }
        unmaskRoles = Set.copyOf(unmaskRoles);
    }
}
