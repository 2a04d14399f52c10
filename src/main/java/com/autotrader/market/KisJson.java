package com.autotrader.market;

import com.autotrader.api.UpstreamException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

/**
 * Strict readers for KIS bodies, where numbers arrive as strings ("71500"). Anything unusable is a
 * malformed-data {@link UpstreamException}; a parse error echoes at most {@link #PREVIEW} characters
 * of the body so logs stay short.
 */
final class KisJson {

    static final int PREVIEW = 60;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private KisJson() {
    }

    /** The body as a JSON object; {@code echo=false} for bodies that may hold secrets (tokens). */
    static JsonNode object(String body, String what, boolean echo) {
        if (body == null || body.isBlank()) {
            throw bad("empty body for " + what);
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad(what + " is not JSON" + (echo ? " (starts with '" + preview(body) + "')" : ""));
        }
        if (node == null || !node.isObject()) {
            throw bad(what + " is not a JSON object");
        }
        return node;
    }

    static String preview(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > PREVIEW ? flat.substring(0, PREVIEW - 1) + "…" : flat;
    }

    /** A text field or null when absent/JSON null; any other JSON type is malformed. */
    static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad("field '" + field + "' is not text");
        }
        return v.asText();
    }

    static String text(JsonNode node, String field) {
        String s = optionalText(node, field);
        if (s == null || s.isBlank()) {
            throw bad("field '" + field + "' missing or blank");
        }
        return s.strip();
    }

    /** A number sent as a string; null when absent or blank (KIS leaves n/a figures empty). */
    static BigDecimal optionalDecimal(JsonNode node, String field) {
        String s = optionalText(node, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        BigDecimal v;
        try {
            // BigDecimal, unlike Double.parseDouble, rejects "NaN", "Infinity", hex and "1d".
            v = new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            throw bad("field '" + field + "' is not a number");
        }
        if (!Double.isFinite(v.doubleValue())) {
            throw bad("field '" + field + "' is out of range");
        }
        return v;
    }

    static Double optionalNumber(JsonNode node, String field) {
        BigDecimal v = optionalDecimal(node, field);
        return v == null ? null : v.doubleValue();
    }

    static double number(JsonNode node, String field) {
        Double v = optionalNumber(node, field);
        if (v == null) {
            throw bad("field '" + field + "' missing or blank");
        }
        return v;
    }

    static double positive(JsonNode node, String field) {
        double v = number(node, field);
        if (v <= 0) {
            throw bad("field '" + field + "' is not positive: " + v);
        }
        return v;
    }

    static double nonNegative(JsonNode node, String field) {
        double v = number(node, field);
        if (v < 0) {
            throw bad("field '" + field + "' is negative: " + v);
        }
        return v;
    }

    static UpstreamException bad(String message) {
        return UpstreamException.badData(KisParser.SERVICE, message);
    }
}
