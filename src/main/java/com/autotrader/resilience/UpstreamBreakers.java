package com.autotrader.resilience;

import com.autotrader.alerting.TelegramMessages;
import com.autotrader.alerting.TelegramText;
import com.autotrader.api.UpstreamException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * One circuit breaker per upstream (upbitBreaker, yahooBreaker, kisBreaker, geminiBreaker, telegramBreaker), used
 * by the routes' circuitBreaker EIP. Only outages count (5xx, 429, timeouts, refused connections), never a caller's bad input.
 * When one opens, the owner gets one alert (through error-report, deduplicated like any other); when it closes
 * again, one "recovered" notice.
 */
@Configuration
public class UpstreamBreakers {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamBreakers.class);

    /** The alert and the notice travel on their own thread: a state change happens inside a failing call. */
    private final ExecutorService notices = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "breaker-notices");
        t.setDaemon(true);
        return t;
    });

    @Bean
    public CircuitBreakerRegistry upstreamBreakerRegistry(
            @Value("${resilience.breaker.failure-rate:50}") float failureRate,
            @Value("${resilience.breaker.window:10}") int window,
            @Value("${resilience.breaker.minimum-calls:5}") int minimumCalls,
            @Value("${resilience.breaker.open-for:60s}") Duration openFor,
            @Value("${resilience.breaker.half-open-calls:2}") int halfOpenCalls) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRate)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(openFor)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                .recordException(UpstreamBreakers::isOutage)
                .build());
    }

    @Bean
    public CircuitBreaker upbitBreaker(CircuitBreakerRegistry registry, @Lazy ProducerTemplate producer,
                                       @Value("${error-reporting.chat-id:}") String chat) {
        return watched(registry.circuitBreaker("upbit"), producer, chat);
    }

    @Bean
    public CircuitBreaker yahooBreaker(CircuitBreakerRegistry registry, @Lazy ProducerTemplate producer,
                                       @Value("${error-reporting.chat-id:}") String chat) {
        return watched(registry.circuitBreaker("yahoo"), producer, chat);
    }

    @Bean
    public CircuitBreaker kisBreaker(CircuitBreakerRegistry registry, @Lazy ProducerTemplate producer,
                                     @Value("${error-reporting.chat-id:}") String chat) {
        return watched(registry.circuitBreaker("kis"), producer, chat);
    }

    @Bean
    public CircuitBreaker geminiBreaker(CircuitBreakerRegistry registry, @Lazy ProducerTemplate producer,
                                        @Value("${error-reporting.chat-id:}") String chat) {
        return watched(registry.circuitBreaker("gemini"), producer, chat);
    }

    /**
     * Telegram's own breaker, around each Bot API send. Only Telegram's outages count (5xx, no answer), not a
     * 429 or a refused message. Its opening cannot be announced on Telegram: it is logged as an error (Loki,
     * Grafana), messages go straight to alert_outbox instead of retrying each one, and the outbox's next
     * delivery after the open period is the trial; when Telegram takes it, "telegram recovered" follows them.
     */
    @Bean
    public CircuitBreaker telegramBreaker(CircuitBreakerRegistry registry, @Lazy ProducerTemplate producer,
                                          @Value("${error-reporting.chat-id:}") String chat) {
        CircuitBreaker breaker = registry.circuitBreaker("telegram", CircuitBreakerConfig.from(registry.getDefaultConfig())
                .recordException(TelegramMessages::outage).build());
        return onTransitions(breaker,
                () -> LOG.error("telegram circuit opened: Telegram is failing; alerts and notices are kept in "
                        + "alert_outbox and sent when it answers again"),
                () -> recovered(producer, chat, "telegram", "Telegram answers again; messages kept while it was down "
                        + "are delivered from the outbox"));
    }

    /** One alert (through error-report) when the breaker opens, one notice when it closes again. */
    private CircuitBreaker watched(CircuitBreaker breaker, ProducerTemplate producer, String chat) {
        String name = breaker.getName();
        return onTransitions(breaker, () -> {
            CircuitBreaker.Metrics m = breaker.getMetrics();
            String message = name + " circuit opened: " + m.getNumberOfFailedCalls() + " of "
                    + m.getNumberOfBufferedCalls() + " recent calls failed; calls to " + name + " stop for "
                    + breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1) / 1000
                    + " s, then a few are tried again";
            LOG.warn("{}", message);
            notices.submit(() -> producer.send("direct:report-failure",
                    e -> e.setProperty(Exchange.EXCEPTION_CAUGHT, new CircuitOpenException(message))));
        }, () -> recovered(producer, chat, name, "calls succeed again, the circuit is closed"));
    }

    /**
     * Runs {@code opened} when the breaker opens from closed (a failed trial that reopens it is not news) and
     * {@code closed} when a trial closes it again.
     */
    private static CircuitBreaker onTransitions(CircuitBreaker breaker, Runnable opened, Runnable closed) {
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            CircuitBreaker.State from = event.getStateTransition().getFromState();
            if (to == CircuitBreaker.State.OPEN && from == CircuitBreaker.State.CLOSED) {
                opened.run();
            } else if (to == CircuitBreaker.State.CLOSED && from == CircuitBreaker.State.HALF_OPEN) {
                closed.run();
            }
        });
        return breaker;
    }

    private void recovered(ProducerTemplate producer, String chat, String name, String detail) {
        LOG.info("{} circuit closed: {}", name, detail);
        notices.submit(() -> producer.sendBody("direct:send-telegram",
                TelegramText.html(chat.strip(), "✅ <b>" + name + " recovered</b>: " + detail)));
    }

    /** An outage, not a caller's mistake: 5xx, 429, timeouts and refused connections. */
    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return http.getStatusCode() >= 500 || http.getStatusCode() == 429;
            }
            if (t instanceof UpstreamException up) {
                return up.kind() != UpstreamException.Kind.BAD_GATEWAY || up.getMessage().contains("HTTP 5");
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
