package com.autotrader.api;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {

    private final ApiErrors errors = new ApiErrors("http://upbit.test:1", "http://gemini.test:2", "http://tg.test:3");

    private static HttpOperationFailedException http(String uri, int status) {
        return new HttpOperationFailedException(uri, status, "status " + status, null, Map.of("Content-Type", "text/plain"),
                "upstream body with details");
    }

    @Test
    void badRequestIs400WithItsMessage() {
        ApiError e = errors.map(new BadRequestException("page must be a whole number from 1 to 21474836, got '0'"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("bad_request");
        assertThat(e.detail()).isEqualTo("page must be a whole number from 1 to 21474836, got '0'");
        assertThat(e.body()).containsExactly(Map.entry("error", "bad_request"), Map.entry("detail", e.detail()));
    }

    @Test
    void wrappedBadRequestIsStill400() {
        ApiError e = errors.map(new RuntimeException("Exception occurred during execution on the exchange",
                new BadRequestException("coin must be a Korean name")));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.detail()).isEqualTo("coin must be a Korean name");
    }

    @Test
    void notFoundIs404() {
        ApiError e = errors.map(new NotFoundException("unknown coin 'DOGE'"));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.error()).isEqualTo("not_found");
        assertThat(e.detail()).contains("DOGE");
    }

    @ParameterizedTest
    @CsvSource({"BAD_GATEWAY, 502, upstream_error", "UNAVAILABLE, 503, upstream_unavailable",
            "TIMEOUT, 504, upstream_timeout"})
    void upstreamKindsMapToGatewayStatuses(UpstreamException.Kind kind, int status, String code) {
        ApiError e = errors.map(new RuntimeException(new UpstreamException("gemini", kind, "no valid answer")));

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.error()).isEqualTo(code);
        assertThat(e.detail()).contains("gemini").contains("no valid answer");
    }

    @Test
    void upbitServerErrorIs502NamingUpbitAndThePathOnly() {
        ApiError e = errors.map(new RuntimeException(
                http("http://upbit.test:1/v1/candles/days?market=KRW-BTC&count=200", 500)));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.error()).isEqualTo("upstream_error");
        assertThat(e.detail()).contains("upbit").contains("/v1/candles/days").contains("500")
                .doesNotContain("count=200").doesNotContain("upbit.test").doesNotContain("upstream body");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void rateLimitOrOutageIs503(int status) {
        ApiError e = errors.map(http("http://upbit.test:1/v1/ticker?markets=KRW-BTC", status));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.error()).isEqualTo("upstream_unavailable");
        assertThat(e.detail()).contains("upbit").contains("/v1/ticker");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 429, 500})
    void telegramTokenNeverLeaks(int status) {
        ApiError e = errors.map(new RuntimeException("failed sending",
                http("http://tg.test:3/bot123:SECRET/sendMessage", status)));

        assertThat(e.status()).isIn(502, 503);
        assertThat(e.detail()).contains("telegram").contains("/sendMessage")
                .doesNotContain("SECRET").doesNotContain("123:");
    }

    @Test
    void unknownHostIsNamedUpstream() {
        ApiError e = errors.map(http("http://elsewhere.test:9/v1/x", 502));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.detail()).startsWith("upstream ").doesNotContain("elsewhere");
    }

    @Test
    void socketTimeoutIs504() {
        ApiError e = errors.map(new RuntimeException(new SocketTimeoutException("Read timed out")));

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.error()).isEqualTo("upstream_timeout");
        assertThat(e.detail()).doesNotContain("Read timed out");
    }

    @Test
    void timeoutNamesTheServiceItsMessageMentions() {
        ApiError e = errors.map(new RuntimeException(
                new SocketTimeoutException("Connect to upbit.test:1 [upbit.test/10.0.0.1] failed: Read timed out")));

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.detail()).startsWith("upbit ").doesNotContain("10.0.0.1");
        assertThat(errors.map(new TimeoutException("gemini.test:2")).status()).isEqualTo(504);
    }

    @Test
    void refusedConnectionIs503NamingTheService() {
        ApiError e = errors.map(new ConnectException("Connect to http://gemini.test:2 failed: Connection refused"));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.error()).isEqualTo("upstream_unavailable");
        assertThat(e.detail()).contains("gemini").doesNotContain("Connection refused");

        ApiError wrapped = errors.map(new RuntimeException(new ConnectException("tg.test:3 refused")));
        assertThat(wrapped.status()).isEqualTo(503);
        assertThat(wrapped.detail()).contains("telegram");
        assertThat(errors.map(new UnknownHostException("upbit.test")).status()).isEqualTo(503);
    }

    @Test
    void anythingElseIs500WithoutStackTraceOrMessage() {
        Exception failure = new IllegalStateException("password=hunter2 at db://secret",
                new NullPointerException("inner detail"));

        ApiError e = errors.map(failure);

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.error()).isEqualTo("internal_error");
        assertThat(e.detail()).doesNotContain("hunter2").doesNotContain("secret").doesNotContain("inner detail")
                .doesNotContain("\n").doesNotContain("at com.").doesNotContain("java.lang.");
        assertThat(e.body().get("detail")).isEqualTo(e.detail());
    }

    @Test
    void anUnreachableDatabaseIs503WithoutItsInternals() {
        ApiError e = errors.map(new RuntimeException("wrapped", new org.springframework.jdbc.CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new java.sql.SQLTransientConnectionException("HikariPool-1 - timed out"))));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.error()).isEqualTo("database_unavailable");
        assertThat(e.detail()).doesNotContain("Hikari", "JDBC");
    }

    @Test
    void aCallAnOpenCircuitRefusedIs503NamingTheUpstream() {
        io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("upbit");
        breaker.transitionToOpenState();
        ApiError e = errors.map(io.github.resilience4j.circuitbreaker.CallNotPermittedException
                .createCallNotPermittedException(breaker));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.detail()).startsWith("upbit is failing");
    }
}
