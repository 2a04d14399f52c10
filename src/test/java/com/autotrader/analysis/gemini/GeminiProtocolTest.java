package com.autotrader.analysis.gemini;

import com.autotrader.support.GeminiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeminiProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    @Test
    void requestCarriesThePromptAndTheJsonResponseConfig() throws Exception {
        String prompt = "비트코인 \"KRW-BTC\" 분석\n- RSI: 55";

        JsonNode body = JSON.readTree(GeminiProtocol.request(prompt, 0.3));

        assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo(prompt);
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.path("contents")).hasSize(1);
        JsonNode config = body.path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.path("temperature").asDouble()).isEqualTo(0.3);

        JsonNode schema = config.path("responseSchema");
        assertThat(schema.path("type").asText()).isEqualTo("OBJECT");
        assertThat(texts(schema.path("required")))
                .containsExactlyInAnyOrder("decision", "confidence", "reasons", "price_analysis", "detailed_text");
        assertThat(texts(schema.at("/properties/decision/enum"))).containsExactlyInAnyOrder("buy", "hold", "sell");
        assertThat(schema.at("/properties/confidence/minimum").asInt()).isZero();
        assertThat(schema.at("/properties/confidence/maximum").asInt()).isEqualTo(100);
        assertThat(schema.at("/properties/reasons/maxItems").asInt()).isEqualTo(3);
        assertThat(texts(schema.at("/properties/price_analysis/required"))).containsExactlyInAnyOrder(
                "appropriate_buy_range", "appropriate_sell_range", "buy_hope_range", "sell_target_range");
        for (String range : List.of("appropriate_buy_range", "appropriate_sell_range", "buy_hope_range",
                "sell_target_range")) {
            JsonNode r = schema.at("/properties/price_analysis/properties/" + range);
            assertThat(texts(r.path("required"))).as(range).containsExactlyInAnyOrder("min", "max");
            assertThat(r.at("/properties/min/type").asText()).as(range).isEqualTo("NUMBER");
        }
    }

    @Test
    void replyReadsTheFixtureTextAndUsage() {
        String text = GeminiFixtures.decisionJson("hold", 55, 1000);

        GeminiReply reply = GeminiProtocol.reply(GeminiFixtures.reply(text));

        assertThat(reply.text()).isEqualTo(text);
        assertThat(reply.finishReason()).isEqualTo("STOP");
        assertThat(reply.promptTokens()).isEqualTo(1234);
        assertThat(reply.completionTokens()).isEqualTo(321);
        assertThat(reply.totalTokens()).isEqualTo(1555);
    }

    @Test
    void replyConcatenatesNonThoughtTextParts() {
        String body = """
                {"candidates": [{"content": {"role": "model", "parts": [
                    {"text": "Let me think about RSI first...", "thought": true},
                    {"text": "{\\"decision\\": "},
                    {"functionCall": {"name": "x"}},
                    {"text": "\\"buy\\"}", "thought": false}]},
                  "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 40,
                   "thoughtsTokenCount": 25}}
                """;

        GeminiReply reply = GeminiProtocol.reply(body);

        assertThat(reply.text()).isEqualTo("{\"decision\": \"buy\"}");
        assertThat(reply.promptTokens()).isEqualTo(10);
        assertThat(reply.completionTokens()).isEqualTo(5);
        assertThat(reply.totalTokens()).isEqualTo(40);
    }

    @Test
    void replyWithoutTextOrUsageHasEmptyTextAndNoCounts() {
        GeminiReply reply = GeminiProtocol.reply("{\"candidates\": [{\"finishReason\": \"SAFETY\"}]}");

        assertThat(reply.text()).isEmpty();
        assertThat(reply.finishReason()).isEqualTo("SAFETY");
        assertThat(reply.promptTokens()).isNull();
        assertThat(reply.completionTokens()).isNull();
        assertThat(reply.totalTokens()).isNull();

        GeminiReply none = GeminiProtocol.reply("{}");
        assertThat(none.text()).isEmpty();
        assertThat(none.finishReason()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>Bad Gateway</body></html>", "[1, 2]", "{\"candidates\": ["})
    void replyRejectsWhatIsNotAJsonObject(String body) {
        assertThatThrownBy(() -> GeminiProtocol.reply(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryDelayReadsWholeAndFractionalSeconds() {
        assertThat(GeminiProtocol.retryDelay(GeminiFixtures.rateLimited("52s"))).contains(Duration.ofSeconds(52));
        assertThat(GeminiProtocol.retryDelay(GeminiFixtures.rateLimited("0.5s"))).contains(Duration.ofMillis(500));
        assertThat(GeminiProtocol.retryDelay(GeminiFixtures.rateLimited("1.25s"))).contains(Duration.ofMillis(1250));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "<html>429 Too Many Requests</html>",
            "{\"error\": {\"code\": 429, \"status\": \"RESOURCE_EXHAUSTED\", \"details\": ["
                    + "{\"@type\": \"type.googleapis.com/google.rpc.QuotaFailure\", \"violations\": []}]}}",
            "{\"error\": {\"code\": 503, \"status\": \"UNAVAILABLE\"}}",
            "{\"error\": {\"details\": [{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"soon\"}]}}",
            "[]"})
    void retryDelayIsEmptyWithoutRetryInfo(String body) {
        assertThat(GeminiProtocol.retryDelay(body)).isEmpty();
    }
}
