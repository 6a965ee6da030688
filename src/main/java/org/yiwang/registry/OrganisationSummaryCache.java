package org.yiwang.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Organisation summaries by id and the (type, division) pairs that an organisation serves, kept on this node for a
 * few seconds: both are read on every registration and on many requests, and change only when an administrator edits
 * an organisation. Only what exists is kept, so a new organisation or division is seen at once; an edit is seen at once
 * on the node that made it ({@link #forgetAll()}) and within the lifetime on the others. At most {@code maxEntries} per
 * map (a county has hundreds of organisations); beyond that the map starts again empty.
 */
final class OrganisationSummaryCache {

    private record Entry<T>(T value, long expiresAtNanos) {
    }

    private final long lifetimeNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Long, Entry<OrganisationSummary>> summaries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry<Boolean>> servedDivisions = new ConcurrentHashMap<>();

    OrganisationSummaryCache(Duration lifetime, int maxEntries, LongSupplier nanoTime) {
        this.lifetimeNanos = lifetime.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** The summary of organisation {@code id}, from memory while fresh, else from {@code load}. */
    Optional<OrganisationSummary> summary(long id, Supplier<Optional<OrganisationSummary>> load) {
        if (lifetimeNanos <= 0) {
            return load.get();
        }
        Entry<OrganisationSummary> cached = summaries.get(id);
        long now = nanoTime.getAsLong();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Optional.of(cached.value());
        }
        Optional<OrganisationSummary> loaded = load.get();
        loaded.ifPresentOrElse(summary -> put(summaries, id, summary, now), () -> summaries.remove(id));
        return loaded;
    }

    /** Whether an organisation of {@code type} serves {@code divisionCode}; only a yes is kept. */
    boolean serves(OrganisationType type, String divisionCode, BooleanSupplier load) {
        if (lifetimeNanos <= 0) {
            return load.getAsBoolean();
        }
        String key = type.name() + '|' + divisionCode;
        Entry<Boolean> cached = servedDivisions.get(key);
        long now = nanoTime.getAsLong();
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return true;
        }
        boolean served = load.getAsBoolean();
        if (served) {
            put(servedDivisions, key, Boolean.TRUE, now);
        } else {
            servedDivisions.remove(key);
        }
        return served;
    }

    /** Drops everything: an organisation was changed on this node. */
    void forgetAll() {
        summaries.clear();
        servedDivisions.clear();
    }

    private <K, T> void put(ConcurrentHashMap<K, Entry<T>> map, K key, T value, long now) {
        if (map.size() >= maxEntries) {
            map.clear();
        }
        map.put(key, new Entry<>(value, now + lifetimeNanos));
    }
}
