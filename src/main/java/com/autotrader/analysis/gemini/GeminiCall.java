package com.autotrader.analysis.gemini;

import com.autotrader.analysis.Decision;
import com.autotrader.analysis.DecisionValidator;
import com.autotrader.analysis.InvalidDecisionException;
import com.autotrader.api.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One analysis' conversation with Gemini: which model and key to try next, how long to wait first, and what
 * every answer meant. The call-gemini route loops while {@link #hasNextAttempt()}, sends
 * {@link #requestBody()} to {@link #model()} with {@link #apiKey()}, and reports back through
 * {@link #record(int, String)} or {@link #recordFailure(Exception)}.
 *
 * <p>Policy: a 429 cools the key for its RetryInfo delay and moves to the next key; when every key of the model
 * is cooling, waits if the shortest delay is within {@code maxRetryWait}, otherwise moves to the next model.
 * JSON that breaks the contract is retried {@code invalidRetries} times, then the next model. A 5xx is retried
 * {@code serverRetries} times after {@code retryBackoff}. A 404 (unknown model) moves on at once; 400/401/403
 * (bad key) retires the key.
 */
public class GeminiCall {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiCall.class);

    private final GeminiProperties config;
    private final GeminiKeyPool keys;
    private final DecisionValidator validator;
    private final Clock clock;
    private final String requestBody;
    private final double currentPrice;
    private final List<String> models;
    private final long startedAt;
    private final List<String> failures = new ArrayList<>();

    private int modelIndex;
    private int keyIndex;
    private int attempts;
    private int invalidOnModel;
    private int serverErrorsOnModel;
    private long waitMillis;
    private GeminiReply reply;
    private Decision decision;
    private String decidedModel;
    private UpstreamException.Kind worstFailure = UpstreamException.Kind.BAD_GATEWAY;

    GeminiCall(GeminiProperties config, GeminiKeyPool keys, DecisionValidator validator, Clock clock,
               String prompt, double currentPrice) {
        this.config = config;
        this.keys = keys;
        this.validator = validator;
        this.clock = clock;
        this.requestBody = GeminiProtocol.request(prompt, config.temperature());
        this.currentPrice = currentPrice;
        this.models = config.modelList();
        this.startedAt = clock.millis();
        pickKey(0);
    }

    public boolean hasNextAttempt() {
        return decision == null && modelIndex < models.size() && attempts < config.maxAttempts()
                && keys.hasLiveKey();
    }

    public String model() {
        return modelIndex < models.size() ? models.get(modelIndex) : "";
    }

    /** The key for the next attempt; only ever placed in a request header, never logged. */
    public String apiKey() {
        return keys.key(keyIndex);
    }

    public String requestBody() {
        return requestBody;
    }

    /** How long to pause before the next attempt (a RetryInfo delay or a 5xx backoff); 0 for none. */
    public long waitMillis() {
        return waitMillis;
    }

    public int attempts() {
        return attempts;
    }

    public void record(int status, String body) {
        attempts++;
        waitMillis = 0;
        String where = model() + " with key #" + (keyIndex + 1);
        if (status == 200) {
            recordAnswer(body, where);
        } else if (status == 429) {
            Duration delay = GeminiProtocol.retryDelay(body).orElse(config.retryBackoff());
            keys.coolDown(keyIndex, model(), delay);
            fail("429 from " + where + ", retry in " + delay.toSeconds() + "s", UpstreamException.Kind.UNAVAILABLE);
            pickKey(keyIndex + 1);
        } else if (status >= 500) {
            fail(status + " from " + where, UpstreamException.Kind.UNAVAILABLE);
            if (++serverErrorsOnModel > config.serverRetries()) {
                nextModel();
            } else {
                waitMillis = config.retryBackoff().toMillis();
                pickKey(keyIndex);
            }
        } else if (status == 400 || status == 401 || status == 403) {
            fail(status + " from " + where + " (key rejected)", UpstreamException.Kind.BAD_GATEWAY);
            keys.retire(keyIndex);
            pickKey(keyIndex + 1);
        } else {
            fail(status + " from " + where, UpstreamException.Kind.BAD_GATEWAY);
            nextModel();
        }
    }

    /** The request did not get an answer at all (connection refused, timeout). */
    public void recordFailure(Exception e) {
        attempts++;
        waitMillis = 0;
        boolean timeout = e instanceof java.net.SocketTimeoutException
                || e.getClass().getSimpleName().contains("Timeout");
        fail((timeout ? "timeout" : e.getClass().getSimpleName()) + " calling " + model(),
                timeout ? UpstreamException.Kind.TIMEOUT : UpstreamException.Kind.UNAVAILABLE);
        nextModel();
    }

    private void recordAnswer(String body, String where) {
        try {
            GeminiReply r = GeminiProtocol.reply(body);
            if (!r.text().isBlank() && !"STOP".equals(r.finishReason()) && !r.finishReason().isEmpty()) {
                throw new InvalidDecisionException("finishReason " + r.finishReason());
            }
            decision = validator.parse(r.text(), currentPrice);
            reply = r;
            decidedModel = model();
        } catch (InvalidDecisionException | IllegalArgumentException e) {
            fail("invalid answer from " + where + ": " + e.getMessage(), UpstreamException.Kind.BAD_GATEWAY);
            if (++invalidOnModel > config.invalidRetries()) {
                nextModel();
            } else {
                pickKey(keyIndex);
            }
        }
    }

    private void nextModel() {
        modelIndex++;
        invalidOnModel = 0;
        serverErrorsOnModel = 0;
        pickKey(0);
    }

    /**
     * Chooses the key for the next attempt on the current model, looking from {@code from}: a rested key now;
     * else, if the shortest rest ends within maxRetryWait, that key after waiting; else the next model.
     * Retired keys are never chosen; with none left, {@link #hasNextAttempt()} turns false.
     */
    private void pickKey(int from) {
        if (modelIndex >= models.size() || !keys.hasLiveKey()) {
            return;
        }
        Optional<Integer> rested = keys.firstUsable(model(), from);
        if (rested.isPresent()) {
            keyIndex = rested.get();
            return;
        }
        Duration shortest = keys.shortestCoolDown(model());
        if (shortest.compareTo(config.maxRetryWait()) <= 0) {
            waitMillis = Math.max(waitMillis, shortest.toMillis());
            keys.firstUsableAfter(model(), shortest).ifPresent(k -> keyIndex = k);
        } else {
            nextModel();
        }
    }

    private void fail(String what, UpstreamException.Kind kind) {
        LOG.warn("Gemini attempt {} failed: {}", attempts, what);
        failures.add(what);
        // a timeout or an outage says more to the caller than one bad answer among them
        if (kind != UpstreamException.Kind.BAD_GATEWAY) {
            worstFailure = kind;
        }
    }

    public boolean succeeded() {
        return decision != null;
    }

    public Decision decision() {
        if (decision == null) {
            throw new UpstreamException("gemini", worstFailure, "no valid answer after " + attempts
                    + " attempt(s): " + String.join("; ", failures.subList(Math.max(0, failures.size() - 3),
                    failures.size())));
        }
        return decision;
    }

    public GeminiReply reply() {
        return reply;
    }

    public String decidedModel() {
        return decidedModel;
    }

    public long elapsedMillis() {
        return clock.millis() - startedAt;
    }
}
