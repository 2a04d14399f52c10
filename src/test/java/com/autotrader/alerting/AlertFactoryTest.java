package com.autotrader.alerting;

import com.autotrader.support.MutableClock;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFactoryTest {

    private static final String TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz0123456";
    private static final String TELEGRAM_429 = "http://localhost:1234/bot" + TOKEN + "/sendMessage responded: 429"
            + "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 34\","
            + "\"parameters\":{\"retry_after\":34}}";

    /** An app exception with a factory method, like UpstreamException.badData. */
    static final class OwnException extends RuntimeException {
        OwnException(String message) {
            super(message);
        }

        static OwnException badData(String message) {
            return new OwnException(message);
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T00:00:00Z"));
    private final AlertFactory factory = new AlertFactory(clock);

    // The test class lives in com.autotrader.alerting, so these helpers are "own" frames.

    private static RuntimeException failInFetch(String message) {
        return new IllegalStateException(message);
    }

    private static RuntimeException failInFetch(boolean argument, String message) {
        return argument ? new IllegalArgumentException(message) : new IllegalStateException(message);
    }

    private static RuntimeException failInParse(String message) {
        return new IllegalStateException(message);
    }

    private static RuntimeException badDataFromFetch() {
        return OwnException.badData("no candles");
    }

    private static RuntimeException badDataFromParse() {
        return OwnException.badData("no candles");
    }

    private String fingerprint(Throwable t) {
        return factory.from(t, null).fingerprint();
    }

    @Test
    void messagesDifferingOnlyInNumbersHaveTheSameFingerprint() {
        assertThat(fingerprint(failInFetch("Upbit returned 3 candles instead of 200 in 1.5s")))
                .isEqualTo(fingerprint(failInFetch("Upbit returned 17 candles instead of 150 in 12.25s")));
    }

    @Test
    void messagesDifferingOnlyInUuidsHaveTheSameFingerprint() {
        assertThat(fingerprint(failInFetch("request 123e4567-e89b-12d3-a456-426614174000 failed")))
                .isEqualTo(fingerprint(failInFetch("request fedcbaab-cdef-abcd-efab-abcdefabcdef failed")));
    }

    @Test
    void messagesDifferingOnlyInIsoTimestampsHaveTheSameFingerprint() {
        assertThat(fingerprint(failInFetch("candle at 2024-03-01T09:00:00+09:00 missing")))
                .isEqualTo(fingerprint(failInFetch("candle at 2025-12-31T23:59:59.123Z missing")));
        assertThat(fingerprint(failInFetch("candle at 2024-03-01 09:00 missing")))
                .isEqualTo(fingerprint(failInFetch("candle at 2024-03-02 10:30 missing")));
    }

    @Test
    void messagesDifferingOnlyInLongHexIdsHaveTheSameFingerprint() {
        // letters only, so only the hex rule (not the number rule) can fold them
        assertThat(fingerprint(failInFetch("order abcdefabcdefabcdef rejected")))
                .isEqualTo(fingerprint(failInFetch("order fedcbafedcbafedcbafedcba rejected")));
    }

    @Test
    void messagesDifferingOnlyInAToCursorHaveTheSameFingerprint() {
        assertThat(fingerprint(failInFetch("GET /v1/candles/minutes/1?market=KRW-BTC&to=cursorAAA failed")))
                .isEqualTo(fingerprint(failInFetch("GET /v1/candles/minutes/1?market=KRW-BTC&to=cursorZZZ failed")));
    }

    @Test
    void differentWordsGiveADifferentFingerprint() {
        assertThat(fingerprint(failInFetch("connection refused")))
                .isNotEqualTo(fingerprint(failInFetch("connection reset")));
    }

    @Test
    void differentExceptionTypeGivesADifferentFingerprint() {
        assertThat(fingerprint(failInFetch(true, "bad candle")))
                .isNotEqualTo(fingerprint(failInFetch(false, "bad candle")));
    }

    @Test
    void differentThrowingMethodGivesADifferentFingerprint() {
        assertThat(fingerprint(failInFetch("bad candle")))
                .isNotEqualTo(fingerprint(failInParse("bad candle")));
    }

    @Test
    void firstOwnFrameSkipsTheExceptionsOwnFactoryMethod() {
        assertThat(AlertFactory.firstOwnFrame(badDataFromFetch()))
                .isEqualTo(AlertFactoryTest.class.getName() + ".badDataFromFetch");
        assertThat(fingerprint(badDataFromFetch())).isNotEqualTo(fingerprint(badDataFromParse()));
        assertThat(fingerprint(badDataFromFetch())).isEqualTo(fingerprint(badDataFromFetch()));
    }

    @Test
    void firstOwnFrameWalksCausesWhenTheErrorHasNoOwnFrame() {
        RuntimeException outer = new RuntimeException("outer", failInParse("inner"));
        outer.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.apache.camel.Foo", "process", "Foo.java", 10)});

        assertThat(AlertFactory.firstOwnFrame(outer)).isEqualTo(AlertFactoryTest.class.getName() + ".failInParse");
    }

    @Test
    void onlyTheFirst200CharactersOfTheMessageCount() {
        String head = "x".repeat(200);

        assertThat(fingerprint(failInFetch(head + " then something")))
                .isEqualTo(fingerprint(failInFetch(head + " and something else entirely")));
        assertThat(fingerprint(failInFetch("y" + head.substring(1) + " tail")))
                .isNotEqualTo(fingerprint(failInFetch(head + " tail")));
    }

    @Test
    void camelExecutionExceptionIsUnwrappedToTheCause() {
        RuntimeException cause = failInFetch("Upbit answered 502");
        Alert alert = factory.from(new CamelExecutionException("Exception occurred during execution on the exchange",
                null, cause), null);

        assertThat(alert.type()).isEqualTo("IllegalStateException");
        assertThat(alert.message()).isEqualTo("Upbit answered 502");
        assertThat(alert.fingerprint()).isEqualTo(fingerprint(cause));
    }

    @Test
    void plainRuntimeCamelExceptionIsUnwrappedEvenWhenNested() {
        RuntimeException cause = failInFetch("no candles");
        Throwable wrapped = new RuntimeCamelException(new CamelExecutionException("on the exchange", null, cause));

        assertThat(AlertFactory.unwrap(wrapped)).isSameAs(cause);
        Alert alert = factory.from(wrapped, null);
        assertThat(alert.type()).isEqualTo("IllegalStateException");
        assertThat(alert.message()).isEqualTo("no candles");
    }

    @Test
    void runtimeCamelExceptionWithoutCauseStaysAndItsTokenIsMasked() {
        Alert alert = factory.from(new RuntimeCamelException(TELEGRAM_429), null);

        assertThat(alert.type()).isEqualTo("RuntimeCamelException");
        assertThat(alert.message()).doesNotContain(TOKEN).doesNotContain("AAEabc")
                .startsWith("http://localhost:1234/bot***/sendMessage responded: 429");
    }

    @Test
    void otherWrappersAreNotUnwrapped() {
        RuntimeException wrapper = new RuntimeException("wrapper", failInFetch("inner"));

        assertThat(factory.from(wrapper, null).type()).isEqualTo("RuntimeException");
        assertThat(factory.from(wrapper, null).message()).isEqualTo("wrapper");
    }

    @Test
    void contextKeepsOrderDropsBlanksMasksSecretsAndEndsWithKstTime() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("route", "analysis-upbit");
        context.put("coin", null);
        context.put("market", "   ");
        context.put("api_endpoint", "/bot" + TOKEN + "/sendMessage");
        context.put("request", "GET /v1/x?api_key=sEcReT123&market=KRW-BTC");
        context.put("http_status", 502);

        Alert alert = factory.from(failInFetch("boom"), context);

        assertThat(alert.context()).containsExactly(
                Map.entry("route", "analysis-upbit"),
                Map.entry("api_endpoint", "/bot***/sendMessage"),
                Map.entry("request", "GET /v1/x?api_key=***&market=KRW-BTC"),
                Map.entry("http_status", "502"),
                Map.entry("time", "2024-03-01 09:00:00 KST"));
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @Test
    void timeFollowsTheClockInSeoulTime() {
        clock.advance(Duration.ofHours(15).plusMinutes(4).plusSeconds(5));

        Alert alert = factory.from(failInFetch("boom"), null);

        assertThat(alert.context()).containsExactly(Map.entry("time", "2024-03-02 00:04:05 KST"));
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2024-03-01T15:04:05Z"));
    }

    @Test
    void stackHasAtMostFiveFramesOwnFirstAndNoReflection() {
        RuntimeException e = new IllegalStateException("x");
        e.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.apache.camel.Foo", "process", "Foo.java", 1),
                new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
                new StackTraceElement("java.lang.reflect.Method", "invoke", "Method.java", 568),
                new StackTraceElement("com.autotrader.market.UpbitClient", "fetch", "UpbitClient.java", 42),
                new StackTraceElement("org.apache.camel.Bar", "a", "Bar.java", 2),
                new StackTraceElement("org.apache.camel.Bar", "b", "Bar.java", 3),
                new StackTraceElement("org.apache.camel.Bar", "c", "Bar.java", 4),
                new StackTraceElement("org.apache.camel.Bar", "d", "Bar.java", 5),
                new StackTraceElement("com.autotrader.analysis.Analyst", "analyse", "Analyst.java", 7)});

        assertThat(AlertFactory.stack(e)).containsExactly(
                "at com.autotrader.market.UpbitClient.fetch(UpbitClient.java:42)",
                "at com.autotrader.analysis.Analyst.analyse(Analyst.java:7)",
                "at org.apache.camel.Foo.process(Foo.java:1)",
                "at org.apache.camel.Bar.a(Bar.java:2)",
                "at org.apache.camel.Bar.b(Bar.java:3)");
    }

    static void thrower() {
        throw new IllegalStateException("thrown through reflection");
    }

    @Test
    void realReflectiveStackHasOwnFramesFirstAndNoReflectionFrames() throws Exception {
        Method m = AlertFactoryTest.class.getDeclaredMethod("thrower");
        Throwable thrown;
        try {
            m.invoke(null);
            throw new AssertionError("thrower did not throw");
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        }
        // the raw trace does carry reflection frames
        assertThat(thrown.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("jdk.internal.reflect."));

        Alert alert = factory.from(thrown, null);

        assertThat(alert.stack()).hasSizeLessThanOrEqualTo(5).hasSize(5);
        assertThat(alert.stack().get(0)).startsWith("at " + AlertFactoryTest.class.getName() + ".thrower(");
        assertThat(alert.stack().get(1))
                .startsWith("at " + AlertFactoryTest.class.getName() + ".realReflectiveStackHasOwnFramesFirstAndNoReflectionFrames(");
        assertThat(alert.stack()).noneMatch(f -> f.contains("jdk.internal.reflect") || f.contains("java.lang.reflect"));
    }

    @Test
    void stackIsShortForADeepTrace() {
        assertThat(factory.from(deep(40), null).stack()).hasSize(5)
                .allMatch(f -> f.startsWith("at " + AlertFactoryTest.class.getName() + ".deep("));
    }

    private static RuntimeException deep(int n) {
        return n == 0 ? new IllegalStateException("deep") : deep(n - 1);
    }

    @Test
    void messageWithABotTokenComesOutMasked() {
        Alert alert = factory.from(failInFetch("send failed for token " + TOKEN + " and /bot" + TOKEN + "/getMe"), null);

        assertThat(alert.message()).doesNotContain(TOKEN)
                .isEqualTo("send failed for token *** and /bot***/getMe");
    }

    @Test
    void fingerprintIsAStableSha256Hex() {
        String fp = AlertFactory.fingerprint("IllegalStateException", "boom", "com.autotrader.X.y");

        assertThat(fp).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(AlertFactory.fingerprint("IllegalStateException", "boom", "com.autotrader.X.y")).isEqualTo(fp);
        assertThat(AlertFactory.fingerprint("IllegalStateException", "boom", "com.autotrader.X.z")).isNotEqualTo(fp);
    }

    @Test
    void aLongMessageKeepsItsFingerprintWhenAnEarlierNumberChangesLength() {
        String tail = " failed: " + "x".repeat(300);
        assertThat(AlertFactory.fingerprint("UpstreamException", "order 7" + tail, "f"))
                .isEqualTo(AlertFactory.fingerprint("UpstreamException", "order 1234567" + tail, "f"));
        String uuidAtTheCut = "y".repeat(190) + " 123e4567-e89b-12d3-a456-426614174000 end";
        assertThat(AlertFactory.fingerprint("E", uuidAtTheCut, "f"))
                .isEqualTo(AlertFactory.fingerprint("E", uuidAtTheCut.replace("123e4567", "fedcba98"), "f"));
    }
}
