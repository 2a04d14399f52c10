package com.autotrader.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a model's JSON answer against the contract before anything uses it: decision buy|hold|sell,
 * confidence 0–100, at most 3 reasons, four ranges with min ≤ max, buy_hope ≤ appropriate_buy and
 * appropriate_sell ≤ sell_target (both ends), and prices within a sane factor of the current price.
 */
@Component
public class DecisionValidator {

    static final Set<String> DECISIONS = Set.of("buy", "hold", "sell");
    /** A range end further than this factor from the current price is a hallucination, not a plan. */
    static final double MAX_PRICE_FACTOR = 10.0;
    /** Trailing text after the object (a second answer, junk) makes the whole answer invalid. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Decision parse(String text, double currentPrice) {
        JsonNode root;
        try {
            root = JSON.readTree(stripFence(text));
        } catch (JsonProcessingException e) {
            throw new InvalidDecisionException("answer is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDecisionException("answer is not a JSON object");
        }
        String decision = text(root, "decision").toLowerCase(Locale.ROOT);
        if (!DECISIONS.contains(decision)) {
            throw new InvalidDecisionException("decision must be buy, hold or sell, got '" + decision + "'");
        }
        JsonNode confidenceNode = root.get("confidence");
        if (confidenceNode == null || !confidenceNode.isNumber()) {
            throw new InvalidDecisionException("confidence missing or not a number");
        }
        double confidence = confidenceNode.asDouble();
        if (confidence < 0 || confidence > 100) {
            throw new InvalidDecisionException("confidence must be 0-100, got " + confidence);
        }
        List<String> reasons = reasons(root.get("reasons"));
        JsonNode prices = root.get("price_analysis");
        if (prices == null || !prices.isObject()) {
            throw new InvalidDecisionException("price_analysis missing");
        }
        PriceRange appropriateBuy = range(prices, "appropriate_buy_range", currentPrice);
        PriceRange appropriateSell = range(prices, "appropriate_sell_range", currentPrice);
        PriceRange buyHope = range(prices, "buy_hope_range", currentPrice);
        PriceRange sellTarget = range(prices, "sell_target_range", currentPrice);
        if (buyHope.min() > appropriateBuy.min() || buyHope.max() > appropriateBuy.max()) {
            throw new InvalidDecisionException("buy_hope_range must not be above appropriate_buy_range");
        }
        if (appropriateSell.min() > sellTarget.min() || appropriateSell.max() > sellTarget.max()) {
            throw new InvalidDecisionException("appropriate_sell_range must not be above sell_target_range");
        }
        JsonNode detailed = root.get("detailed_text");
        String detailedText = detailed == null || detailed.isNull() ? "" : detailed.asText();
        return new Decision(decision, (int) Math.round(confidence), reasons,
                appropriateBuy, appropriateSell, buyHope, sellTarget, detailedText);
    }

    /** Models sometimes wrap JSON in a markdown fence despite the response MIME type. */
    private static String stripFence(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstNewline = t.indexOf('\n');
            int lastFence = t.lastIndexOf("```");
            if (firstNewline > 0 && lastFence > firstNewline) {
                return t.substring(firstNewline + 1, lastFence);
            }
        }
        return t;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidDecisionException(field + " missing or not a string");
        }
        return v.asText().strip();
    }

    private static List<String> reasons(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new InvalidDecisionException("reasons missing or not an array");
        }
        if (node.size() > 3) {
            throw new InvalidDecisionException("at most 3 reasons, got " + node.size());
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode r : node) {
            if (!r.isTextual() || r.asText().isBlank()) {
                throw new InvalidDecisionException("every reason must be a non-empty string");
            }
            reasons.add(r.asText().strip());
        }
        return List.copyOf(reasons);
    }

    private static PriceRange range(JsonNode prices, String field, double currentPrice) {
        JsonNode r = prices.get(field);
        if (r == null || !r.isObject()) {
            throw new InvalidDecisionException(field + " missing");
        }
        double min = price(r, field, "min", currentPrice);
        double max = price(r, field, "max", currentPrice);
        if (min > max) {
            throw new InvalidDecisionException(field + " has min above max");
        }
        return new PriceRange(min, max);
    }

    private static double price(JsonNode range, String field, String end, double currentPrice) {
        JsonNode v = range.get(end);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() <= 0) {
            throw new InvalidDecisionException(field + "." + end + " must be a positive number");
        }
        double p = v.asDouble();
        if (currentPrice > 0 && (p > currentPrice * MAX_PRICE_FACTOR || p < currentPrice / MAX_PRICE_FACTOR)) {
            throw new InvalidDecisionException(field + "." + end + " is implausibly far from the current price");
        }
        return p;
    }
}
