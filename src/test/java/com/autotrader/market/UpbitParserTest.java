package com.autotrader.market;

import com.autotrader.api.UpstreamException;
import com.autotrader.support.UpbitFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class UpbitParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double BASE = 100_000_000;

    private final UpbitParser parser = new UpbitParser();

    private static ArrayNode array(String json) {
        try {
            return (ArrayNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertMalformed(Runnable parse) {
        UpstreamException e = catchThrowableOfType(UpstreamException.class, parse::run);
        assertThat(e).as("expected an UpstreamException").isNotNull();
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.service()).isEqualTo("upbit");
        assertThat(e.getMessage()).contains("malformed");
    }

    // ---- candles ---------------------------------------------------------------------------------------------

    @Test
    void candlesComeBackOldestFirst() {
        String body = UpbitFixtures.dailyCandles("KRW-BTC", BASE, 5);
        JsonNode newest = array(body).get(0);

        List<Candle> candles = parser.candles(body);

        assertThat(candles).hasSize(5);
        assertThat(candles).extracting(Candle::time).isSorted().doesNotHaveDuplicates();
        assertThat(candles.get(0).time()).isEqualTo(UpbitFixtures.LAST_DAY.minusDays(4).atStartOfDay());
        Candle last = candles.get(4);
        assertThat(last.time()).isEqualTo(UpbitFixtures.LAST_DAY.atStartOfDay());
        assertThat(last.open()).isEqualTo(newest.get("opening_price").asDouble());
        assertThat(last.high()).isEqualTo(newest.get("high_price").asDouble());
        assertThat(last.low()).isEqualTo(newest.get("low_price").asDouble());
        assertThat(last.close()).isEqualTo(newest.get("trade_price").asDouble());
        assertThat(last.volume()).isEqualTo(newest.get("candle_acc_trade_volume").asDouble());
    }

    @Test
    void minuteCandlesUseKstTimesOldestFirst() {
        List<Candle> candles = parser.candles(UpbitFixtures.minuteCandles("KRW-BTC", BASE, 5, 12));

        assertThat(candles).hasSize(12);
        assertThat(candles).extracting(Candle::time).isSorted();
        assertThat(candles.get(11).time()).isEqualTo(LocalDateTime.of(2026, 11, 25, 15, 0));
        assertThat(candles.get(0).time()).isEqualTo(LocalDateTime.of(2026, 11, 25, 14, 5));
    }

    @Test
    void duplicateBarsAreRemoved() {
        ArrayNode page = array(UpbitFixtures.dailyCandles("KRW-BTC", BASE, 5));
        // two overlapping pages, as paging with `to` can give
        ArrayNode overlapping = JSON.createArrayNode();
        overlapping.addAll(page);
        overlapping.add(page.get(3).deepCopy());
        overlapping.add(page.get(4).deepCopy());
        overlapping.add(page.get(0).deepCopy());

        List<Candle> candles = parser.candles(overlapping.toString());

        assertThat(candles).hasSize(5);
        assertThat(candles).extracting(Candle::time).isSorted().doesNotHaveDuplicates();
        assertThat(candles).containsExactlyElementsOf(parser.candles(page.toString()));
    }

    static Stream<Arguments> malformedCandles() {
        String valid = UpbitFixtures.dailyCandles("KRW-BTC", BASE, 3);
        return Stream.of(
                arguments(Named.of("HTML error page",
                        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body></body></html>")),
                arguments(Named.of("truncated JSON", valid.substring(0, valid.length() / 2))),
                arguments(Named.of("truncated by one character", valid.substring(0, valid.length() - 1))),
                arguments(Named.of("empty array", "[]")),
                arguments(Named.of("empty body", "")),
                arguments(Named.of("null body", null)),
                arguments(Named.of("object instead of array",
                        "{\"error\": {\"name\": \"too_many_requests\", \"message\": \"Too many API requests.\"}}")),
                arguments(Named.of("string price", changed(valid, c -> c.put("trade_price", "100000000")))),
                arguments(Named.of("string volume", changed(valid, c -> c.put("candle_acc_trade_volume", "12.5")))),
                arguments(Named.of("null price", changed(valid, c -> c.putNull("opening_price")))),
                arguments(Named.of("missing price", changed(valid, c -> c.remove("low_price")))),
                arguments(Named.of("negative volume", changed(valid, c -> c.put("candle_acc_trade_volume", -1.0)))),
                arguments(Named.of("zero price", changed(valid, c -> c.put("trade_price", 0)))),
                arguments(Named.of("high below low", changed(valid, c -> c.put("high_price", 10.0).put("low_price", 20.0)))),
                arguments(Named.of("bad time", changed(valid, c -> c.put("candle_date_time_kst", "yesterday")))),
                arguments(Named.of("missing time", changed(valid, c -> c.remove("candle_date_time_kst")))));
    }

    /** The valid body with its second candle changed. */
    private static String changed(String valid, Consumer<ObjectNode> change) {
        ArrayNode a = array(valid);
        change.accept((ObjectNode) a.get(1));
        return a.toString();
    }

    @ParameterizedTest
    @MethodSource("malformedCandles")
    void malformedCandlesAreRejected(String body) {
        assertMalformed(() -> parser.candles(body));
    }

    @Test
    void zeroVolumeCandleIsAccepted() {
        String body = changed(UpbitFixtures.dailyCandles("KRW-BTC", BASE, 3),
                c -> c.put("candle_acc_trade_volume", 0.0));

        assertThat(parser.candles(body)).extracting(Candle::volume).contains(0.0);
    }

    // ---- ticker ----------------------------------------------------------------------------------------------

    @Test
    void tickerIsParsed() {
        Ticker t = parser.ticker(UpbitFixtures.ticker("KRW-BTC", BASE));

        assertThat(t.market()).isEqualTo("KRW-BTC");
        assertThat(t.tradePrice()).isEqualTo(BASE);
        assertThat(t.prevClosingPrice()).isEqualTo(BASE * 0.99);
        assertThat(t.signedChangeRate()).isEqualTo(0.0101);
        assertThat(t.accTradeVolume24h()).isEqualTo(1500.0);
        assertThat(t.highest52Week()).isEqualTo(BASE * 1.4);
        assertThat(t.lowest52Week()).isEqualTo(BASE * 0.6);
        assertThat(t.timestamp()).isEqualTo(
                UpbitFixtures.LAST_DAY.atTime(15, 0).atZone(ZoneId.of("Asia/Seoul")).toInstant());
        assertThat(t.timestamp()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
    }

    @Test
    void tickerWithoutFiftyTwoWeekFiguresIsAccepted() {
        ArrayNode a = array(UpbitFixtures.ticker("KRW-BTC", BASE));
        ((ObjectNode) a.get(0)).remove("highest_52_week_price");
        ((ObjectNode) a.get(0)).putNull("lowest_52_week_price");

        Ticker t = parser.ticker(a.toString());

        assertThat(t.highest52Week()).isNaN();
        assertThat(t.lowest52Week()).isNaN();
        assertThat(t.tradePrice()).isEqualTo(BASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>Service Unavailable</body></html>", "[]", "{\"market\": \"KRW-BTC\"}",
            "[{\"market\": \"KRW-BTC\", \"trade_price\": \"100\""})
    void malformedTickerIsRejected(String body) {
        assertMalformed(() -> parser.ticker(body));
    }

    @Test
    void tickerWithStringPriceIsRejected() {
        ArrayNode a = array(UpbitFixtures.ticker("KRW-BTC", BASE));
        ((ObjectNode) a.get(0)).put("trade_price", "100000000");

        assertMalformed(() -> parser.ticker(a.toString()));
    }

    // ---- markets ---------------------------------------------------------------------------------------------

    @Test
    void marketsAreSortedUpbitInstruments() {
        List<Instrument> markets = parser.markets(UpbitFixtures.marketAll());

        assertThat(markets).extracting(Instrument::symbol)
                .containsExactly("BTC-ETH", "KRW-BTC", "KRW-ETH", "KRW-XRP", "USDT-BTC");
        assertThat(markets).allSatisfy(m -> {
            assertThat(m.market()).isEqualTo("upbit");
            assertThat(m.assetType()).isEqualTo("crypto");
        });
        assertThat(markets.get(1).name()).isEqualTo("비트코인");
        assertThat(markets.get(3).name()).isEqualTo("엑스알피(리플)");
        assertThat(markets.get(1).shortSymbol()).isEqualTo("BTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html></html>", "[]", "{\"market\": \"KRW-BTC\", \"korean_name\": \"비트코인\"}",
            "[{\"market\": \"KRW-BTC\"}]", "[{\"market\": \"\", \"korean_name\": \"비트코인\"}]",
            "[{\"market\": 1, \"korean_name\": \"비트코인\"}]"})
    void malformedMarketListIsRejected(String body) {
        assertMalformed(() -> parser.markets(body));
    }

    /** The direct reading of Upbit's date-time form agrees with LocalDateTime.parse, failures included. */
    @ParameterizedTest
    @ValueSource(strings = {"2024-01-02T09:00:00", "2024-12-31T23:59:59", "2024-02-29T00:00:00", "0000-01-01T00:00:00",
            "2023-02-29T00:00:00", "2024-04-31T12:00:00", "2024-13-01T00:00:00", "2024-00-10T00:00:00",
            "2024-01-00T00:00:00", "2024-01-02T24:00:00", "2024-01-02T09:60:00", "2024-01-02T09:00:60",
            "2024-01-02T09:00", "2024-01-02T09:00:00.5", "2024-01-02 09:00:00", "2024-1-02T09:00:00",
            "2024-01-02T09:0a:00", "+2024-01-02T09:00:00", "２０２４-01-02T09:00:00", "2024-01-02t09:00:00"})
    void upbitDateTimesReadAsLocalDateTimeParseReadsThem(String text) {
        LocalDateTime expected;
        try {
            expected = LocalDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            assertThat(catchThrowableOfType(java.time.format.DateTimeParseException.class,
                    () -> UpbitParser.isoLocalDateTime(text))).as(text).isNotNull();
            return;
        }
        assertThat(UpbitParser.isoLocalDateTime(text)).as(text).isEqualTo(expected);
    }
}
