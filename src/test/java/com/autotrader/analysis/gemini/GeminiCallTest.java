package com.autotrader.analysis.gemini;

import com.autotrader.support.MutableClock;
import com.autotrader.analysis.Analysis;
import com.autotrader.analysis.DecisionValidator;
import com.autotrader.api.UpstreamException;
import com.autotrader.support.GeminiFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The retry / rotation / fallback policy of one Gemini analysis, driven without HTTP. */
class GeminiCallTest {

    private static final String KEY1 = "AIzaSy-test-key-ONE-0123456789";
    private static final String KEY2 = "AIzaSy-test-key-TWO-9876543210";
    private static final String KEYS = KEY1 + "," + KEY2;
    private static final String MODELS = "gemini-2.5-pro,gemini-2.5-flash";
    private static final double PRICE = 100_000_000;
    private static final String PROMPT = "비트코인(KRW-BTC)을 분석해 주세요";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));

    private static GeminiProperties props(String keys, String models, int invalidRetries, int serverRetries,
                                          Duration maxRetryWait, Duration retryBackoff, int maxAttempts) {
        return new GeminiProperties(keys, models, 0.2, invalidRetries, serverRetries, maxRetryWait, retryBackoff,
                maxAttempts);
    }

    private static GeminiProperties defaults(String keys, String models) {
        return props(keys, models, 1, 2, Duration.ofSeconds(60), Duration.ofSeconds(2), 10);
    }

    private GeminiAnalyst analyst(GeminiProperties props) {
        return new GeminiAnalyst(props, new DecisionValidator(), clock);
    }

    private static String valid() {
        return GeminiFixtures.reply(GeminiFixtures.decisionJson("buy", 80, PRICE));
    }

    private static String withFinishReason(String body, String finishReason) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        ((ObjectNode) root.withArray("candidates").get(0)).put("finishReason", finishReason);
        return root.toString();
    }

    // ---- success ---------------------------------------------------------------------------------------------

    @Test
    void firstValidAnswerDecidesWithModelAndTokenCounts() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.apiKey()).isEqualTo(KEY1);
        assertThat(call.waitMillis()).isZero();
        assertThat(call.requestBody()).contains("KRW-BTC");

        clock.advance(Duration.ofMillis(1500));
        gemini.record(call, 200, valid());

        assertThat(call.hasNextAttempt()).isFalse();
        assertThat(call.succeeded()).isTrue();
        assertThat(call.attempts()).isEqualTo(1);
        assertThat(call.decision().decision()).isEqualTo("buy");
        assertThat(call.decision().confidence()).isEqualTo(80);
        assertThat(call.decidedModel()).isEqualTo("gemini-2.5-pro");

        Analysis analysis = gemini.analysis(call, PROMPT);
        assertThat(analysis.modelName()).isEqualTo("gemini-2.5-pro");
        assertThat(analysis.prompt()).isEqualTo(PROMPT);
        assertThat(analysis.promptTokens()).isEqualTo(1234);
        assertThat(analysis.completionTokens()).isEqualTo(321);
        assertThat(analysis.totalTokens()).isEqualTo(1555);
        assertThat(analysis.latencyMs()).isEqualTo(1500);
        assertThat(analysis.decision().reasons()).hasSize(3);
    }

    @Test
    void analystIsConfiguredOnlyWithKeysAndNeedsModels() {
        assertThat(analyst(defaults("", MODELS)).isConfigured()).isFalse();
        assertThat(analyst(defaults(" , ", MODELS)).isConfigured()).isFalse();
        assertThat(analyst(defaults(KEY1, MODELS)).isConfigured()).isTrue();
        assertThatThrownBy(() -> analyst(defaults(KEY1, " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(KEY1);
    }

    // ---- 429 -------------------------------------------------------------------------------------------------

    @Test
    void rateLimitRotatesToTheOtherKeyAtOnce() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 429, GeminiFixtures.rateLimited("30s"));

        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.apiKey()).isEqualTo(KEY2);
        assertThat(call.waitMillis()).isZero();

        gemini.record(call, 200, valid());
        assertThat(call.decidedModel()).isEqualTo("gemini-2.5-pro");
        assertThat(call.attempts()).isEqualTo(2);
    }

    @Test
    void rateLimitOnEveryKeyWaitsForTheRetryDelayWhenShortEnough() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 429, GeminiFixtures.rateLimited("30s"));
        gemini.record(call, 429, GeminiFixtures.rateLimited("30s"));

        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.waitMillis()).isEqualTo(30_000);
        assertThat(call.apiKey()).isEqualTo(KEY1);

        clock.advance(Duration.ofSeconds(30));
        gemini.record(call, 200, valid());
        assertThat(call.succeeded()).isTrue();
        assertThat(call.waitMillis()).isZero();
        assertThat(call.decidedModel()).isEqualTo("gemini-2.5-pro");
    }

    @Test
    void singleKeyRateLimitWaitsForFractionalRetryDelay() {
        GeminiAnalyst gemini = analyst(defaults(KEY1, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 429, GeminiFixtures.rateLimited("0.5s"));

        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.waitMillis()).isEqualTo(500);
        assertThat(call.apiKey()).isEqualTo(KEY1);
    }

    @Test
    void rateLimitWithoutRetryInfoCoolsForTheBackoff() {
        GeminiAnalyst gemini = analyst(defaults(KEY1, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 429, "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}");

        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.waitMillis()).isEqualTo(2_000);
    }

    @Test
    void rateLimitLongerThanMaxRetryWaitMovesToTheNextModel() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 429, GeminiFixtures.rateLimited("120s"));
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.apiKey()).isEqualTo(KEY2);

        gemini.record(call, 429, GeminiFixtures.rateLimited("120s"));

        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
        assertThat(call.waitMillis()).isZero();
        // quotas are per model: the keys that cool for the first model are fresh for the second
        assertThat(call.apiKey()).isEqualTo(KEY1);

        gemini.record(call, 200, valid());
        assertThat(call.decidedModel()).isEqualTo("gemini-2.5-flash");
        assertThat(gemini.analysis(call, PROMPT).modelName()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void coolDownIsSharedWithTheNextCallUntilItPasses() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall first = gemini.start(PROMPT, PRICE);
        gemini.record(first, 429, GeminiFixtures.rateLimited("30s"));

        assertThat(gemini.start(PROMPT, PRICE).apiKey()).isEqualTo(KEY2);

        clock.advance(Duration.ofSeconds(31));
        assertThat(gemini.start(PROMPT, PRICE).apiKey()).isEqualTo(KEY1);
    }

    @Test
    void rateLimitOnEveryKeyAndModelEndsUnavailable() {
        GeminiAnalyst gemini = analyst(defaults(KEY1, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 429, GeminiFixtures.rateLimited("300s"));
        gemini.record(call, 429, GeminiFixtures.rateLimited("300s"));

        assertThat(call.hasNextAttempt()).isFalse();
        UpstreamException e = catchThrowableOfType(UpstreamException.class, call::decision);
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
        assertThat(e.service()).isEqualTo("gemini");
    }

    // ---- invalid answers -------------------------------------------------------------------------------------

    @Test
    void invalidJsonIsRetriedInvalidRetriesTimesThenNextModel() {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 2, 2, Duration.ofSeconds(60), Duration.ofSeconds(2), 10));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 200, GeminiFixtures.reply("{\"decision\": \"buy\", \"confid"));
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.waitMillis()).isZero();
        gemini.record(call, 200, GeminiFixtures.reply("I think you should buy."));
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        gemini.record(call, 200, "<html>not a generateContent reply</html>");

        assertThat(call.succeeded()).isFalse();
        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
        assertThat(call.waitMillis()).isZero();

        gemini.record(call, 200, valid());
        assertThat(call.decidedModel()).isEqualTo("gemini-2.5-flash");
        assertThat(call.attempts()).isEqualTo(4);
    }

    @Test
    void everyModelInvalidEndsBadGatewayWithoutKeysInTheMessage() {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 1, 2, Duration.ofSeconds(60), Duration.ofSeconds(2), 10));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        int sent = 0;
        while (call.hasNextAttempt()) {
            gemini.record(call, 200, GeminiFixtures.reply(GeminiFixtures.decisionJson("maybe", 80, PRICE)));
            sent++;
        }

        assertThat(sent).isEqualTo(4);
        assertThat(call.succeeded()).isFalse();
        UpstreamException e = catchThrowableOfType(UpstreamException.class, call::decision);
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.service()).isEqualTo("gemini");
        assertThat(e.getMessage()).doesNotContain(KEY1).doesNotContain(KEY2).contains("4 attempt");
        assertThatThrownBy(() -> gemini.analysis(call, PROMPT))
                .isInstanceOf(UpstreamException.class)
                .hasMessageNotContaining(KEY1)
                .hasMessageNotContaining(KEY2);
    }

    @Test
    void truncatedAnswerWithMaxTokensCountsAsInvalid() throws Exception {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 0, 2, Duration.ofSeconds(60), Duration.ofSeconds(2), 10));
        GeminiCall call = gemini.start(PROMPT, PRICE);
        String json = GeminiFixtures.decisionJson("buy", 80, PRICE);

        gemini.record(call, 200, withFinishReason(GeminiFixtures.reply(json.substring(0, json.length() / 2)),
                "MAX_TOKENS"));

        assertThat(call.succeeded()).isFalse();
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAX_TOKENS", "SAFETY", "RECITATION"})
    void completeJsonWithAFinishReasonOtherThanStopCountsAsInvalid(String finishReason) throws Exception {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 0, 2, Duration.ofSeconds(60), Duration.ofSeconds(2), 10));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 200, withFinishReason(valid(), finishReason));

        assertThat(call.succeeded()).isFalse();
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
    }

    // ---- 5xx, 404, bad keys, no answer -----------------------------------------------------------------------

    @Test
    void serverErrorsAreRetriedServerRetriesTimesAfterBackoffThenNextModel() {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 1, 2, Duration.ofSeconds(60), Duration.ofSeconds(3), 10));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 503, "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}");
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.waitMillis()).isEqualTo(3_000);

        gemini.record(call, 500, "{\"error\":{\"code\":500,\"status\":\"INTERNAL\"}}");
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.waitMillis()).isEqualTo(3_000);

        gemini.record(call, 503, "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}");
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
        assertThat(call.waitMillis()).isZero();
        assertThat(call.hasNextAttempt()).isTrue();
    }

    @Test
    void serverErrorsOnEveryModelEndUnavailable() {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 1, 0, Duration.ofSeconds(60), Duration.ofSeconds(3), 10));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 503, "");
        gemini.record(call, 502, "");

        assertThat(call.hasNextAttempt()).isFalse();
        assertThat(catchThrowableOfType(UpstreamException.class, call::decision).kind())
                .isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    }

    @Test
    void notFoundMovesToTheNextModelAtOnce() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");

        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
        assertThat(call.waitMillis()).isZero();
        assertThat(call.apiKey()).isEqualTo(KEY1);
        assertThat(call.attempts()).isEqualTo(1);
    }

    @Test
    void aRetiredKeyIsNeverSentAgainWhileTheOtherRests() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, 429, GeminiFixtures.rateLimited("30s"));   // key 1 rests
        assertThat(call.apiKey()).isEqualTo(KEY2);
        gemini.record(call, 400, "{\"error\":{\"code\":400,\"message\":\"API key not valid\"}}");

        // key 2 is retired: the next attempt waits for key 1 instead of resending key 2
        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.apiKey()).isEqualTo(KEY1);
        assertThat(call.waitMillis()).isEqualTo(30_000);
    }

    @Test
    void aNewCallWhileEveryKeyRestsStartsWithTheWait() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall first = gemini.start(PROMPT, PRICE);
        gemini.record(first, 429, GeminiFixtures.rateLimited("20s"));
        gemini.record(first, 429, GeminiFixtures.rateLimited("40s"));

        GeminiCall next = gemini.start(PROMPT, PRICE);

        assertThat(next.model()).isEqualTo("gemini-2.5-pro");
        assertThat(next.apiKey()).isEqualTo(KEY1);
        assertThat(next.waitMillis()).isEqualTo(20_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void rejectedKeyIsRetired(int status) {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, status, "{\"error\":{\"code\":" + status + ",\"message\":\"API key not valid\"}}");

        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.apiKey()).isEqualTo(KEY2);
        assertThat(call.waitMillis()).isZero();
        // retired for every later call too
        assertThat(gemini.start(PROMPT, PRICE).apiKey()).isEqualTo(KEY2);

        gemini.record(call, status, "{}");
        assertThat(call.hasNextAttempt()).isFalse();
        UpstreamException e = catchThrowableOfType(UpstreamException.class, call::decision);
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.getMessage()).doesNotContain(KEY1).doesNotContain(KEY2);
        assertThat(gemini.start(PROMPT, PRICE).hasNextAttempt()).isFalse();
    }

    @Test
    void timeoutMovesToTheNextModelAndEndsAsTimeout() {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 0, 2, Duration.ofSeconds(60), Duration.ofSeconds(2), 10));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.recordFailure(call, new SocketTimeoutException("Read timed out"));
        assertThat(call.hasNextAttempt()).isTrue();
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
        assertThat(call.waitMillis()).isZero();

        gemini.record(call, 200, GeminiFixtures.reply("not json"));
        assertThat(call.hasNextAttempt()).isFalse();

        UpstreamException e = catchThrowableOfType(UpstreamException.class, call::decision);
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
        assertThat(e.service()).isEqualTo("gemini");
    }

    @Test
    void timeoutOnTheOnlyModelEndsAsTimeout() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, "gemini-2.5-flash"));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.recordFailure(call, new SocketTimeoutException("connect timed out"));

        assertThat(call.hasNextAttempt()).isFalse();
        assertThat(catchThrowableOfType(UpstreamException.class, call::decision).kind())
                .isEqualTo(UpstreamException.Kind.TIMEOUT);
    }

    @Test
    void refusedConnectionEndsUnavailable() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, "gemini-2.5-flash"));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.recordFailure(call, new ConnectException("Connection refused"));

        assertThat(call.hasNextAttempt()).isFalse();
        assertThat(catchThrowableOfType(UpstreamException.class, call::decision).kind())
                .isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    }

    @Test
    void maxAttemptsCapsTheLoop() {
        GeminiAnalyst gemini = analyst(props(KEYS, MODELS, 1, 10, Duration.ofSeconds(60), Duration.ofSeconds(1), 3));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        int sent = 0;
        while (call.hasNextAttempt() && sent < 50) {
            gemini.record(call, 503, "");
            sent++;
        }

        assertThat(sent).isEqualTo(3);
        assertThat(call.attempts()).isEqualTo(3);
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThatThrownBy(call::decision).isInstanceOf(UpstreamException.class).hasMessageContaining("3 attempt");
    }

    @Test
    void missingStatusCountsAsAFailedAttempt() {
        GeminiAnalyst gemini = analyst(defaults(KEYS, MODELS));
        GeminiCall call = gemini.start(PROMPT, PRICE);

        gemini.record(call, null, valid());

        assertThat(call.succeeded()).isFalse();
        assertThat(call.attempts()).isEqualTo(1);
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
    }
}
