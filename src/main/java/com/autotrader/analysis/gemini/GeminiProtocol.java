package com.autotrader.analysis.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The generateContent wire format: the request with its response schema, the reply, the 429 RetryInfo. */
public final class GeminiProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)s");
    static final List<String> RANGES = List.of("appropriate_buy_range", "appropriate_sell_range",
            "buy_hope_range", "sell_target_range");

    private GeminiProtocol() {
    }

    public static String request(String prompt, double temperature) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode content = body.putArray("contents").addObject();
        content.put("role", "user");
        content.putArray("parts").addObject().put("text", prompt);
        ObjectNode config = body.putObject("generationConfig");
        config.put("responseMimeType", "application/json");
        config.set("responseSchema", schema());
        config.put("temperature", temperature);
        return body.toString();
    }

    /** The answer's schema, in Gemini's OpenAPI subset, so the model is held to the contract at the source. */
    static ObjectNode schema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "OBJECT");
        ObjectNode props = schema.putObject("properties");
        ArrayNode decisions = props.putObject("decision").put("type", "STRING").putArray("enum");
        decisions.add("buy").add("hold").add("sell");
        props.putObject("confidence").put("type", "INTEGER").put("minimum", 0).put("maximum", 100);
        ObjectNode reasons = props.putObject("reasons").put("type", "ARRAY").put("maxItems", 3);
        reasons.putObject("items").put("type", "STRING");
        ObjectNode prices = props.putObject("price_analysis").put("type", "OBJECT");
        ObjectNode rangeProps = prices.putObject("properties");
        for (String range : RANGES) {
            ObjectNode r = rangeProps.putObject(range).put("type", "OBJECT");
            r.putObject("properties").<ObjectNode>set("min", JSON.createObjectNode().put("type", "NUMBER"))
                    .set("max", JSON.createObjectNode().put("type", "NUMBER"));
            r.putArray("required").add("min").add("max");
        }
        ArrayNode requiredRanges = prices.putArray("required");
        RANGES.forEach(requiredRanges::add);
        props.putObject("detailed_text").put("type", "STRING");
        schema.putArray("required").add("decision").add("confidence").add("reasons").add("price_analysis")
                .add("detailed_text");
        return schema;
    }

    /** Parses a 200 reply; the text is empty when the model produced none (e.g. finishReason SAFETY). */
    public static GeminiReply reply(String body) {
        JsonNode root = readTree(body);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("generateContent reply is not a JSON object");
        }
        JsonNode candidate = root.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false) && part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        JsonNode usage = root.path("usageMetadata");
        return new GeminiReply(text.toString(), candidate.path("finishReason").asText(""),
                integer(usage, "promptTokenCount"), integer(usage, "candidatesTokenCount"),
                integer(usage, "totalTokenCount"));
    }

    /** The RetryInfo delay of a 429 body ({@code "retryDelay": "52s"}), if it names one. */
    public static Optional<Duration> retryDelay(String body) {
        JsonNode root;
        try {
            root = readTree(body);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (root == null) {
            return Optional.empty();
        }
        for (JsonNode detail : root.path("error").path("details")) {
            String delay = detail.path("retryDelay").asText("");
            Matcher m = SECONDS.matcher(delay);
            if (m.matches()) {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(m.group(1)) * 1000)));
            }
        }
        return Optional.empty();
    }

    private static JsonNode readTree(String body) {
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("reply is not JSON");
        }
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToInt() ? v.asInt() : null;
    }
}
