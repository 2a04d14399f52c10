package com.autotrader.analysis.gemini;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Gemini settings, bound from {@code gemini.*} (GEMINI_API_KEYS, GEMINI_MODELS, … in the environment).
 *
 * @param apiKeys         comma-separated keys, rotated on 429; none means the rule-based analyst answers
 * @param models          the fallback order, best first
 * @param invalidRetries  how often one model may answer with JSON that breaks the contract before the next
 * @param serverRetries   how often a 5xx is retried on the same model before the next
 * @param maxRetryWait    the longest RetryInfo delay worth waiting; longer means the next model now
 * @param retryBackoff    the pause before retrying a 5xx
 * @param maxAttempts     a hard cap on HTTP calls per analysis
 */
@ConfigurationProperties(prefix = "gemini")
public record GeminiProperties(String apiKeys, String models, double temperature, int invalidRetries,
                               int serverRetries, Duration maxRetryWait, Duration retryBackoff, int maxAttempts) {

    public List<String> keyList() {
        return split(apiKeys);
    }

    public List<String> modelList() {
        return split(models);
    }

    private static List<String> split(String csv) {
        return csv == null ? List.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Never print keys: a record's default toString would. */
    @Override
    public String toString() {
        return "GeminiProperties[keys=" + keyList().size() + ", models=" + modelList() + "]";
    }
}
