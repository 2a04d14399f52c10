package com.autotrader.trading;

import com.autotrader.api.UpstreamException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Upbit's private API answers (accounts, orders/chance, orders) into trading records. Strict like the
 * quotation parser: money decisions must not rest on a default, so a missing, blank or non-numeric field is
 * an {@link UpstreamException}. Amounts are read as {@link BigDecimal} because Upbit sends them as strings.
 */
@Component
public class UpbitPrivateParser {

    static final String SERVICE = "upbit";
    private static final int MAX_TEXT = 200;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Fees and the minimum buy total from {@code GET /v1/orders/chance}. */
    public MarketRules chanceRules(Object body) {
        Reader r = new Reader("orders/chance");
        JsonNode chance = r.object(r.tree(body));
        JsonNode bid = r.object(r.object(chance, "market"), "bid");
        return new MarketRules(r.nonNegative(chance, "bid_fee"), r.nonNegative(chance, "ask_fee"),
                r.nonNegative(bid, "min_total"));
    }

    /** The quote-currency (usually KRW) balance from {@code GET /v1/orders/chance}. */
    public Holding bidAccount(Object body) {
        Reader r = new Reader("orders/chance");
        return r.holding(r.object(r.object(r.tree(body)), "bid_account"));
    }

    /** The coin balance from {@code GET /v1/orders/chance}. */
    public Holding askAccount(Object body) {
        Reader r = new Reader("orders/chance");
        return r.holding(r.object(r.object(r.tree(body)), "ask_account"));
    }

    /** Every balance from {@code GET /v1/accounts}; an empty list is a valid answer. */
    public List<Holding> accounts(Object body) {
        Reader r = new Reader("accounts");
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode account : r.array(r.tree(body))) {
            holdings.add(r.holding(r.object(account)));
        }
        return holdings;
    }

    /** One order from {@code POST /v1/orders}, {@code GET /v1/order} or {@code DELETE /v1/order}. */
    public OrderState order(Object body) {
        Reader r = new Reader("order");
        return r.order(r.object(r.tree(body)));
    }

    /** The orders of {@code GET /v1/orders/open}; an empty list means nothing is open. */
    public List<OrderState> orders(Object body) {
        Reader r = new Reader("open orders");
        List<OrderState> orders = new ArrayList<>();
        for (JsonNode order : r.array(r.tree(body))) {
            orders.add(r.order(r.object(order)));
        }
        return orders;
    }

    /** Upbit's error code ({@code error.name}, e.g. insufficient_funds_bid), or null when there is none. */
    public static String errorName(Object body) {
        return errorField(body, "name");
    }

    /** Upbit's error text ({@code error.message}), at most 200 characters, or null when there is none. */
    public static String errorMessage(Object body) {
        return errorField(body, "message");
    }

    private static String errorField(Object body, String field) {
        try {
            String text = bodyText(body);
            if (text == null || text.isBlank()) {
                return null;
            }
            JsonNode v = JSON.readTree(text).path("error").path(field);
            return v.isTextual() && !v.asText().isBlank() ? shorten(v.asText().strip(), MAX_TEXT) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Camel may hand the body over as a String, bytes or a stream; all are read as UTF-8 text. */
    private static String bodyText(Object body) throws IOException {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new IOException("unsupported body type " + body.getClass().getSimpleName());
    }

    static String shorten(String text, int max) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }

    /** Field access for one endpoint, so every complaint names the answer it came from. */
    private static final class Reader {

        private final String endpoint;

        Reader(String endpoint) {
            this.endpoint = endpoint;
        }

        UpstreamException bad(String what) {
            return new UpstreamException(SERVICE, UpstreamException.Kind.BAD_GATEWAY,
                    shorten("Upbit sent an unexpected " + endpoint + " answer: " + what, MAX_TEXT));
        }

        JsonNode tree(Object body) {
            String text;
            try {
                text = bodyText(body);
            } catch (IOException e) {
                throw bad("unreadable body (" + e.getMessage() + ")");
            }
            if (text == null || text.isBlank()) {
                throw bad("empty body");
            }
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw bad("not JSON (starts with '" + shorten(text, 60) + "')");
            }
        }

        JsonNode object(JsonNode node) {
            if (node == null || !node.isObject()) {
                throw bad("expected a JSON object");
            }
            return node;
        }

        JsonNode object(JsonNode parent, String field) {
            JsonNode v = parent.get(field);
            if (v == null || !v.isObject()) {
                throw bad("field '" + field + "' missing or not an object");
            }
            return v;
        }

        JsonNode array(JsonNode node) {
            if (!node.isArray()) {
                throw bad("expected a JSON array");
            }
            return node;
        }

        String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw bad("field '" + field + "' missing or not text");
            }
            return v.asText();
        }

        String optionalText(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : text(node, field);
        }

        BigDecimal number(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v != null && v.isNumber()) {
                return v.decimalValue();
            }
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw bad("field '" + field + "' missing or not a number");
            }
            try {
                return new BigDecimal(v.asText().strip());
            } catch (NumberFormatException e) {
                throw bad("field '" + field + "' is not a number: '" + shorten(v.asText(), 30) + "'");
            }
        }

        /** Market orders leave price (sell) or volume (buy) null; present values must still be numbers. */
        BigDecimal optionalNumber(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : nonNegative(node, field);
        }

        BigDecimal nonNegative(JsonNode node, String field) {
            BigDecimal v = number(node, field);
            if (v.signum() < 0) {
                throw bad("field '" + field + "' is negative: " + v.toPlainString());
            }
            return v;
        }

        Holding holding(JsonNode account) {
            return new Holding(text(account, "currency"), nonNegative(account, "balance"),
                    nonNegative(account, "locked"), nonNegative(account, "avg_buy_price"));
        }

        OrderState order(JsonNode o) {
            Side side;
            try {
                side = Side.of(text(o, "side"));
            } catch (IllegalArgumentException e) {
                throw bad("field 'side' is not bid or ask: '" + shorten(o.get("side").asText(), 30) + "'");
            }
            return new OrderState(text(o, "uuid"), optionalText(o, "identifier"), text(o, "market"), side,
                    text(o, "state"), optionalNumber(o, "price"), optionalNumber(o, "volume"),
                    nonNegative(o, "executed_volume"));
        }
    }
}
