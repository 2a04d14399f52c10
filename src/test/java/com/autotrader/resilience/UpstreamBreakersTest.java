package com.autotrader.resilience;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.autotrader.api.UpstreamException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamBreakersTest {

    static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://x/v1/ticker", status, "s", null, Map.of(), "");
    }

    @Test
    void onlyOutagesCountAgainstABreakerNeverTheCallersMistakes() {
        assertThat(UpstreamBreakers.isOutage(http(500))).isTrue();
        assertThat(UpstreamBreakers.isOutage(http(503))).isTrue();
        assertThat(UpstreamBreakers.isOutage(http(429))).isTrue();
        assertThat(UpstreamBreakers.isOutage(new CamelExecutionException("wrapped", null, http(502)))).isTrue();
        assertThat(UpstreamBreakers.isOutage(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(UpstreamBreakers.isOutage(new UpstreamException("kis", UpstreamException.Kind.UNAVAILABLE, "down"))).isTrue();
        assertThat(UpstreamBreakers.isOutage(new UpstreamException("kis", UpstreamException.Kind.TIMEOUT, "slow"))).isTrue();

        assertThat(UpstreamBreakers.isOutage(http(404))).isFalse();
        assertThat(UpstreamBreakers.isOutage(http(400))).isFalse();
        assertThat(UpstreamBreakers.isOutage(new NotFoundException("unknown coin"))).isFalse();
        assertThat(UpstreamBreakers.isOutage(new BadRequestException("bad coin"))).isFalse();
        assertThat(UpstreamBreakers.isOutage(UpstreamException.badData("upbit", "HTML page"))).isFalse();
    }

    @Test
    void theBreakerOpensAfterEnoughOutagesAndIgnoresBadInput() {
        CircuitBreakerRegistry registry = new UpstreamBreakers().upstreamBreakerRegistry(50, 4, 4, Duration.ofSeconds(60), 2);
        CircuitBreaker breaker = registry.circuitBreaker("test");
        for (int i = 0; i < 10; i++) {
            breaker.onError(0, java.util.concurrent.TimeUnit.MILLISECONDS, new NotFoundException("unknown coin"));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        for (int i = 0; i < 4; i++) {
            breaker.onError(0, java.util.concurrent.TimeUnit.MILLISECONDS, http(500));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
