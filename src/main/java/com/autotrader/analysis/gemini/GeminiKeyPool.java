package com.autotrader.analysis.gemini;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured keys and what Gemini said of them, shared by every analysis: a key that got a 429 rests
 * until its RetryInfo delay is over (per model, since quotas are per model); a rejected key is retired.
 */
public class GeminiKeyPool {

    private final List<String> keys;
    private final Clock clock;
    private final Map<String, Instant> coolingUntil = new ConcurrentHashMap<>();
    private final Set<Integer> retired = ConcurrentHashMap.newKeySet();

    public GeminiKeyPool(List<String> keys, Clock clock) {
        this.keys = List.copyOf(keys);
        this.clock = clock;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    String key(int index) {
        return keys.get(index);
    }

    boolean hasLiveKey() {
        return retired.size() < keys.size();
    }

    void coolDown(int index, String model, Duration delay) {
        coolingUntil.put(index + "@" + model, clock.instant().plus(delay));
    }

    void retire(int index) {
        retired.add(index);
    }

    /** The first live key, looking from {@code from} onwards (wrapping), that is not resting for the model. */
    Optional<Integer> firstUsable(String model, int from) {
        return firstUsableAt(model, from, clock.instant());
    }

    /** The first live key that will have rested once {@code wait} has passed. */
    Optional<Integer> firstUsableAfter(String model, Duration wait) {
        return firstUsableAt(model, 0, clock.instant().plus(wait));
    }

    private Optional<Integer> firstUsableAt(String model, int from, Instant at) {
        for (int step = 0; step < keys.size(); step++) {
            int candidate = Math.floorMod(from + step, keys.size());
            if (retired.contains(candidate)) {
                continue;
            }
            Instant until = coolingUntil.get(candidate + "@" + model);
            if (until == null || !until.isAfter(at)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The shortest time until some live key rests enough for the model. */
    Duration shortestCoolDown(String model) {
        Instant now = clock.instant();
        Duration shortest = null;
        for (int i = 0; i < keys.size(); i++) {
            if (retired.contains(i)) {
                continue;
            }
            Instant until = coolingUntil.get(i + "@" + model);
            Duration left = until == null || !until.isAfter(now) ? Duration.ZERO : Duration.between(now, until);
            if (shortest == null || left.compareTo(shortest) < 0) {
                shortest = left;
            }
        }
        return shortest == null ? Duration.ZERO : shortest;
    }
}
