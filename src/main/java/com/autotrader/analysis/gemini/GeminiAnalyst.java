package com.autotrader.analysis.gemini;

import com.autotrader.analysis.Analysis;
import com.autotrader.analysis.DecisionValidator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** What the call-gemini route calls: whether Gemini is configured, a new call's state, the final analysis. */
@Component("gemini")
public class GeminiAnalyst {

    private final GeminiProperties config;
    private final GeminiKeyPool keys;
    private final DecisionValidator validator;
    private final Clock clock;

    @Autowired
    public GeminiAnalyst(GeminiProperties config, DecisionValidator validator) {
        this(config, validator, Clock.systemUTC());
    }

    GeminiAnalyst(GeminiProperties config, DecisionValidator validator, Clock clock) {
        this.config = config;
        this.keys = new GeminiKeyPool(config.keyList(), clock);
        this.validator = validator;
        this.clock = clock;
        if (!keys.isEmpty() && config.modelList().isEmpty()) {
            throw new IllegalStateException("GEMINI_MODELS is empty: name at least one model, e.g. gemini-2.5-flash");
        }
    }

    public boolean isConfigured() {
        return !keys.isEmpty();
    }

    public GeminiCall start(String prompt, double currentPrice) {
        return new GeminiCall(config, keys, validator, clock, prompt, currentPrice);
    }

    /** Passes an HTTP answer to the call; the body arrives as text whatever its content type. */
    public void record(GeminiCall call, Integer status, String body) {
        call.record(status == null ? 0 : status, body);
    }

    public void recordFailure(GeminiCall call, Exception failure) {
        call.recordFailure(failure);
    }

    /** The stored form of a finished call; throws the upstream error when no model gave a valid answer. */
    public Analysis analysis(GeminiCall call, String prompt) {
        var decision = call.decision();
        GeminiReply r = call.reply();
        return new Analysis(decision, call.decidedModel(), prompt, r.promptTokens(), r.completionTokens(),
                r.totalTokens(), call.elapsedMillis());
    }
}
