package com.autotrader.analysis;

import com.autotrader.support.GeminiFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DecisionValidatorTest {

    private static final double PRICE = 100_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionValidator validator = new DecisionValidator();

    private static ObjectNode validNode() {
        try {
            return (ObjectNode) JSON.readTree(GeminiFixtures.decisionJson("buy", 80, PRICE));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode range(ObjectNode root, String name) {
        return (ObjectNode) root.path("price_analysis").path(name);
    }

    @Test
    void validAnswerParses() {
        Decision d = validator.parse(GeminiFixtures.decisionJson("buy", 80, PRICE), PRICE);

        assertThat(d.decision()).isEqualTo("buy");
        assertThat(d.confidence()).isEqualTo(80);
        assertThat(d.reasons()).containsExactly("MACD 골든크로스", "RSI 중립 구간", "거래량 증가");
        assertThat(d.appropriateBuy()).isEqualTo(new PriceRange(97_000_000, 99_000_000));
        assertThat(d.buyHope()).isEqualTo(new PriceRange(93_000_000, 96_000_000));
        assertThat(d.appropriateSell()).isEqualTo(new PriceRange(105_000_000, 108_000_000));
        assertThat(d.sellTarget()).isEqualTo(new PriceRange(110_000_000, 115_000_000));
        assertThat(d.detailedText()).startsWith("## 분석");
    }

    @Test
    void decisionCaseAndWhitespaceAreNormalised() {
        ObjectNode root = validNode();
        root.put("decision", " HOLD ");
        root.put("confidence", 0);
        root.putArray("reasons");
        root.remove("detailed_text");

        Decision d = validator.parse(root.toString(), PRICE);

        assertThat(d.decision()).isEqualTo("hold");
        assertThat(d.confidence()).isZero();
        assertThat(d.reasons()).isEmpty();
        assertThat(d.detailedText()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"```json\n%s\n```", "```\n%s\n```", "  \n```json\n%s\n```\n  "})
    void markdownFencedJsonIsAccepted(String wrapping) {
        String fenced = wrapping.formatted(GeminiFixtures.decisionJson("sell", 65, PRICE));

        Decision d = validator.parse(fenced, PRICE);

        assertThat(d.decision()).isEqualTo("sell");
        assertThat(d.confidence()).isEqualTo(65);
    }

    static Stream<Arguments> breaches() {
        return Stream.of(
                breach("decision not buy/hold/sell", r -> r.put("decision", "strong buy")),
                breach("decision missing", r -> r.remove("decision")),
                breach("decision a number", r -> r.put("decision", 1)),
                breach("confidence 101", r -> r.put("confidence", 101)),
                breach("confidence -1", r -> r.put("confidence", -1)),
                breach("confidence a string", r -> r.put("confidence", "80")),
                breach("confidence missing", r -> r.remove("confidence")),
                breach("4 reasons", r -> r.putArray("reasons").add("a").add("b").add("c").add("d")),
                breach("blank reason", r -> r.putArray("reasons").add("RSI").add("   ")),
                breach("reason not a string", r -> r.putArray("reasons").add("RSI").add(3)),
                breach("reasons not an array", r -> r.put("reasons", "RSI")),
                breach("price_analysis missing", r -> r.remove("price_analysis")),
                breach("range missing", r -> ((ObjectNode) r.path("price_analysis")).remove("sell_target_range")),
                breach("range not an object", r -> ((ObjectNode) r.path("price_analysis")).put("buy_hope_range", 5)),
                breach("range end missing", r -> range(r, "appropriate_sell_range").remove("max")),
                breach("min above max", r -> range(r, "appropriate_buy_range").put("min", 99_500_000).put("max", 98_000_000)),
                breach("buy_hope max above appropriate_buy", r -> range(r, "buy_hope_range").put("min", 94_000_000).put("max", 99_500_000)),
                breach("buy_hope min above appropriate_buy", r -> range(r, "buy_hope_range").put("min", 97_500_000).put("max", 98_000_000)),
                breach("appropriate_sell above sell_target", r -> range(r, "appropriate_sell_range").put("min", 106_000_000).put("max", 120_000_000)),
                breach("appropriate_sell min above sell_target", r -> range(r, "appropriate_sell_range").put("min", 111_000_000).put("max", 112_000_000)),
                breach("negative price", r -> range(r, "buy_hope_range").put("min", -1)),
                breach("zero price", r -> range(r, "buy_hope_range").put("min", 0)),
                breach("price more than 10x current", r -> range(r, "sell_target_range").put("max", PRICE * 11)),
                breach("price under a tenth of current", r -> range(r, "buy_hope_range").put("min", PRICE / 20)),
                breach("price a string", r -> range(r, "appropriate_buy_range").put("min", "97000000")),
                breach("price null", r -> range(r, "appropriate_buy_range").putNull("max")));
    }

    private static Arguments breach(String name, Consumer<ObjectNode> change) {
        return arguments(Named.of(name, change));
    }

    @ParameterizedTest
    @MethodSource("breaches")
    void contractBreachIsRejected(Consumer<ObjectNode> change) {
        ObjectNode root = validNode();
        // sanity: the unchanged answer is valid, so the change alone is what breaks it
        validator.parse(root.toString(), PRICE);
        change.accept(root);

        assertThatThrownBy(() -> validator.parse(root.toString(), PRICE))
                .isInstanceOf(InvalidDecisionException.class)
                .hasMessageNotContaining("Exception");
    }

    static Stream<Arguments> notJsonObjects() {
        String valid = GeminiFixtures.decisionJson("buy", 80, PRICE);
        return Stream.of(
                arguments(Named.of("truncated JSON", valid.substring(0, valid.length() / 2))),
                arguments(Named.of("truncated before the last brace", valid.substring(0, valid.length() - 1))),
                arguments(Named.of("array", "[" + valid + "]")),
                arguments(Named.of("string", "\"buy\"")),
                arguments(Named.of("number", "42")),
                arguments(Named.of("prose", "I recommend buying Bitcoin now.")),
                arguments(Named.of("empty", "")),
                arguments(Named.of("null", null)));
    }

    @ParameterizedTest
    @MethodSource("notJsonObjects")
    void answerThatIsNotAJsonObjectIsRejected(String text) {
        assertThatThrownBy(() -> validator.parse(text, PRICE)).isInstanceOf(InvalidDecisionException.class);
    }

    @Test
    void trailingTextAfterTheAnswerMakesItInvalid() {
        String answer = com.autotrader.support.GeminiFixtures.decisionJson("buy", 80, PRICE);
        assertThat(validator.parse(answer, PRICE).decision()).isEqualTo("buy");

        assertThatThrownBy(() -> validator.parse(answer + " {\"decision\":\"sell\"} trailing", PRICE))
                .isInstanceOf(InvalidDecisionException.class);
    }
}
