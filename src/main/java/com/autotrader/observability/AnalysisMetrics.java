package com.autotrader.observability;

import com.autotrader.analysis.Analysis;
import com.autotrader.market.Instrument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The seed's analysis metrics: {@code analysis_executions_total{asset_type,market,status,decision,model}},
 * {@code analysis_duration_seconds} (histogram) and {@code gemini_tokens_total{model,type}}. The analyze-coin
 * route marks the start; success is recorded at its end, failure by the entry route that caught it.
 */
@Component
public class AnalysisMetrics {

    private final MeterRegistry registry;

    public AnalysisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public long start() {
        return System.nanoTime();
    }

    public void succeeded(Instrument instrument, Analysis analysis, Long startedNanos) {
        record(instrument, "success", analysis.decision().decision(), analysis.modelName(), startedNanos);
        count(analysis.modelName(), "prompt", analysis.promptTokens());
        count(analysis.modelName(), "completion", analysis.completionTokens());
    }

    public void failed(Instrument instrument, Long startedNanos) {
        record(instrument, "failure", "none", "none", startedNanos);
    }

    private void record(Instrument instrument, String status, String decision, String model, Long startedNanos) {
        String assetType = instrument == null ? "unknown" : instrument.assetType();
        String market = instrument == null ? "unknown" : instrument.market();
        Counter.builder("analysis.executions").description("Analyses run, by outcome")
                .tag("asset_type", assetType).tag("market", market).tag("status", status)
                .tag("decision", decision).tag("model", model)
                .register(registry).increment();
        if (startedNanos != null) {
            Timer.builder("analysis.duration").description("Time for one analysis, upstream calls included")
                    .tag("asset_type", assetType).tag("market", market).tag("status", status)
                    .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    private void count(String model, String type, Integer tokens) {
        if (tokens != null && tokens > 0) {
            Counter.builder("gemini.tokens").description("Gemini tokens used").tag("model", model).tag("type", type)
                    .register(registry).increment(tokens);
        }
    }
}
