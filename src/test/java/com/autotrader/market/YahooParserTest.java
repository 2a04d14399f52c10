package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.autotrader.api.UpstreamException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class YahooParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 11, 26);
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final int BARS = 200;
    /** Indexes whose whole bar is null, as Yahoo sends for sessions it lacks. */
    private static final List<Integer> NULL_BARS = List.of(10, 57, 123);
    private static final int NULL_VOLUME_BAR = 80;
    /** Close of the extra bar Yahoo appends for the running session, same date as bar 199. */
    private static final double LIVE_CLOSE = 171.25;

    private final YahooParser parser = new YahooParser();

    // ---- fixture ---------------------------------------------------------------------------------------------

    /** The trading days (weekdays) of the fixture, oldest first, ending on {@link #LAST_DAY}. */
    private static List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LAST_DAY; days.size() < BARS; d = d.minusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, d);
            }
        }
        return days;
    }

    private static long epoch(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(NEW_YORK).toEpochSecond();
    }

    private static double close(int i) {
        return Math.round((150 + 20 * Math.sin(i / 15.0) + i * 0.1) * 100) / 100.0;
    }

    private static double open(int i) {
        return i == 0 ? 149.5 : close(i - 1);
    }

    private static double high(int i) {
        return Math.max(open(i), close(i)) + 1.5;
    }

    private static double low(int i) {
        return Math.min(open(i), close(i)) - 1.25;
    }

    private static long volume(int i) {
        return 40_000_000L + i * 10_000L;
    }

    /**
     * A chart of {@value #BARS} daily bars at 09:30 New York time (crossing both 2025 DST switches), with
     * {@link #NULL_BARS} all null, bar {@link #NULL_VOLUME_BAR} without volume and one extra live bar
     * at 16:00 on the last day, as Yahoo sends during or just after a session.
     */
    private static ObjectNode fixture() {
        List<LocalDate> days = days();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode chart = root.putObject("chart");
        ObjectNode result = chart.putArray("result").addObject();
        chart.putNull("error");
        ArrayNode ts = result.putArray("timestamp");
        ObjectNode quote = result.putObject("indicators").putArray("quote").addObject();
        ArrayNode open = quote.putArray("open");
        ArrayNode high = quote.putArray("high");
        ArrayNode low = quote.putArray("low");
        ArrayNode close = quote.putArray("close");
        ArrayNode volume = quote.putArray("volume");
        for (int i = 0; i < BARS; i++) {
            ts.add(epoch(days.get(i), OPEN));
            if (NULL_BARS.contains(i)) {
                open.addNull();
                high.addNull();
                low.addNull();
                close.addNull();
                volume.addNull();
                continue;
            }
            open.add(open(i));
            high.add(high(i));
            low.add(low(i));
            close.add(close(i));
            if (i == NULL_VOLUME_BAR) {
                volume.addNull();
            } else {
                volume.add(volume(i));
            }
        }
        ts.add(epoch(LAST_DAY, LocalTime.of(16, 0)));
        open.add(open(BARS - 1));
        high.add(200.0);
        low.add(120.0);
        close.add(LIVE_CLOSE);
        volume.add(51_234_567L);

        ObjectNode meta = result.putObject("meta");
        meta.put("currency", "USD").put("symbol", "AAPL").put("exchangeName", "NMS")
                .put("exchangeTimezoneName", "America/New_York").put("gmtoffset", -18000)
                .put("regularMarketPrice", LIVE_CLOSE).put("chartPreviousClose", 140.0)
                .put("previousClose", close(BARS - 1 - 1))
                .put("regularMarketDayHigh", 200.0).put("regularMarketDayLow", 120.0)
                .put("regularMarketVolume", 51_234_567L)
                .put("regularMarketTime", epoch(LAST_DAY, LocalTime.of(16, 0)))
                .put("fiftyTwoWeekHigh", 199.6).put("fiftyTwoWeekLow", 164.1)
                .put("longName", "Apple Inc.").put("shortName", "Apple Inc. short");
        return root;
    }

    private static ObjectNode meta(ObjectNode root) {
        return (ObjectNode) root.get("chart").get("result").get(0).get("meta");
    }

    private static ObjectNode quote(ObjectNode root) {
        return (ObjectNode) root.get("chart").get("result").get(0).get("indicators").get("quote").get(0);
    }

    private static ArrayNode timestamps(ObjectNode root) {
        return (ArrayNode) root.get("chart").get("result").get(0).get("timestamp");
    }

    private static String changed(Consumer<ObjectNode> change) {
        ObjectNode root = fixture();
        change.accept(root);
        return root.toString();
    }

    /** A body of {@code n} complete bars (no nulls, no duplicate) and the given meta changes. */
    private static String shortChart(int n, Consumer<ObjectNode> metaChange) {
        return changed(root -> {
            for (String series : List.of("open", "high", "low", "close", "volume")) {
                ArrayNode values = (ArrayNode) quote(root).get(series);
                while (values.size() > n) {
                    values.remove(0);
                }
            }
            while (timestamps(root).size() > n) {
                timestamps(root).remove(0);
            }
            metaChange.accept(meta(root));
        });
    }

    private static void assertMalformed(Runnable parse) {
        UpstreamException e = catchThrowableOfType(UpstreamException.class, parse::run);
        assertThat(e).as("expected an UpstreamException").isNotNull();
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.service()).isEqualTo("yahoo");
        assertThat(e.getMessage()).contains("malformed");
    }

    // ---- bars ------------------------------------------------------------------------------------------------

    @Test
    void barsAreOldestFirstWithoutNullsOnePerDate() {
        List<LocalDate> days = days();

        List<Candle> daily = parser.chart("AAPL", fixture().toString()).daily();

        assertThat(daily).hasSize(BARS - NULL_BARS.size());
        assertThat(daily).extracting(Candle::time).isSorted();
        assertThat(daily).extracting(c -> c.time().toLocalDate()).doesNotHaveDuplicates()
                .doesNotContain(days.get(10), days.get(57), days.get(123))
                .startsWith(days.get(0), days.get(1)).endsWith(LAST_DAY);
        Candle first = daily.get(0);
        assertThat(first).isEqualTo(new Candle(days.get(0).atTime(OPEN), open(0), high(0), low(0), close(0), volume(0)));
        Candle afterGap = daily.get(10);
        assertThat(afterGap.time().toLocalDate()).isEqualTo(days.get(11));
        assertThat(afterGap.close()).isEqualTo(close(11));
    }

    @Test
    void timesAreNewYorkLocalAcrossDaylightSaving() {
        List<Candle> daily = parser.chart("AAPL", fixture().toString()).daily();

        // winter and summer bars both open at 09:30 local; a fixed offset or UTC would shift one season
        assertThat(daily.subList(0, daily.size() - 1)).extracting(c -> c.time().toLocalTime()).containsOnly(OPEN);
        assertThat(daily.get(0).time().toLocalDate()).isBefore(LocalDate.of(2025, 3, 9));
        assertThat(daily).extracting(c -> c.time().toLocalDate()).contains(LocalDate.of(2025, 7, 1));
    }

    @Test
    void laterBarOfTheSameDateWins() {
        List<Candle> daily = parser.chart("AAPL", fixture().toString()).daily();

        Candle last = daily.get(daily.size() - 1);
        assertThat(last.time()).isEqualTo(LAST_DAY.atTime(16, 0));
        assertThat(last.close()).isEqualTo(LIVE_CLOSE);
        assertThat(last.high()).isEqualTo(200.0);
        assertThat(last.volume()).isEqualTo(51_234_567.0);
        assertThat(daily.get(daily.size() - 2).time().toLocalDate()).isBefore(LAST_DAY);
    }

    @Test
    void nullVolumeBecomesZero() {
        List<LocalDate> days = days();

        List<Candle> daily = parser.chart("AAPL", fixture().toString()).daily();

        Candle bar = daily.stream().filter(c -> c.time().toLocalDate().equals(days.get(NULL_VOLUME_BAR)))
                .findFirst().orElseThrow();
        assertThat(bar.volume()).isZero();
        assertThat(bar.close()).isEqualTo(close(NULL_VOLUME_BAR));
    }

    @Test
    void withoutTimezoneNameTheGmtOffsetIsUsedThenUtc() {
        String offsetOnly = changed(root -> meta(root).remove("exchangeTimezoneName"));
        String badName = changed(root -> meta(root).put("exchangeTimezoneName", "Mars/Olympus_Mons"));
        String neither = changed(root -> meta(root).without(List.of("exchangeTimezoneName", "gmtoffset")));

        // the first bar is in February (EST, -05:00), so -18000 s gives 09:30 and UTC gives 14:30
        assertThat(parser.chart("AAPL", offsetOnly).daily().get(0).time().toLocalTime()).isEqualTo(OPEN);
        assertThat(parser.chart("AAPL", badName).daily().get(0).time().toLocalTime()).isEqualTo(OPEN);
        assertThat(parser.chart("AAPL", neither).daily().get(0).time().toLocalTime()).isEqualTo(LocalTime.of(14, 30));
    }

    // ---- instrument, ticker, currency ------------------------------------------------------------------------

    @Test
    void instrumentIsAYahooUsEquity() {
        YahooChart chart = parser.chart("AAPL", fixture().toString());

        assertThat(chart.instrument()).isEqualTo(new Instrument("yahoo", "equity_us", "AAPL", "Apple Inc."));
        assertThat(chart.currency()).isEqualTo("USD");
    }

    @Test
    void instrumentNameFallsBackToShortNameThenSymbol() {
        String shortName = changed(root -> meta(root).remove("longName"));
        String noNames = changed(root -> meta(root).without(List.of("longName", "shortName", "symbol")));

        assertThat(parser.chart("AAPL", shortName).instrument().name()).isEqualTo("Apple Inc. short");
        assertThat(parser.chart("brk-b", noNames).instrument())
                .isEqualTo(new Instrument("yahoo", "equity_us", "brk-b", "brk-b"));
    }

    @Test
    void tickerComesFromMeta() {
        Ticker t = parser.chart("AAPL", fixture().toString()).ticker();

        double prev = close(BARS - 2);
        assertThat(t.market()).isEqualTo("AAPL");
        assertThat(t.tradePrice()).isEqualTo(LIVE_CLOSE);
        assertThat(t.prevClosingPrice()).isEqualTo(prev);
        assertThat(t.signedChangeRate()).isCloseTo((LIVE_CLOSE - prev) / prev, within(1e-12));
        assertThat(t.accTradeVolume24h()).isEqualTo(51_234_567.0);
        assertThat(t.highest52Week()).isEqualTo(199.6);
        assertThat(t.lowest52Week()).isEqualTo(164.1);
        assertThat(t.timestamp()).isEqualTo(LAST_DAY.atTime(16, 0).atZone(NEW_YORK).toInstant());
        assertThat(t.timestamp()).isEqualTo(Instant.parse("2025-11-26T21:00:00Z"));
    }

    @Test
    void withoutPreviousCloseTheBarBeforeTheLatestIsUsedNotTheChartStart() {
        // chartPreviousClose is the close before the chart's first bar (a year back for range=1y)
        String body = changed(root -> meta(root).remove("previousClose"));

        Ticker t = parser.chart("AAPL", body).ticker();

        // the live bar replaced bar 199 (same date), so the bar before the latest is bar 198
        assertThat(t.prevClosingPrice()).isEqualTo(close(BARS - 2));
        assertThat(t.prevClosingPrice()).isNotEqualTo(140.0);
        assertThat(t.signedChangeRate()).isCloseTo((LIVE_CLOSE - close(BARS - 2)) / close(BARS - 2), within(1e-12));
    }

    @Test
    void previousCloseWinsOverTheBars() {
        Ticker t = parser.chart("AAPL", changed(root -> meta(root).put("previousClose", 175.0))).ticker();

        assertThat(t.prevClosingPrice()).isEqualTo(175.0);
        assertThat(t.signedChangeRate()).isCloseTo((LIVE_CLOSE - 175.0) / 175.0, within(1e-12));
    }

    @Test
    void singleBarFallsBackToChartPreviousClose() {
        Ticker t = parser.chart("AAPL", shortChart(1, m -> m.remove("previousClose"))).ticker();

        assertThat(t.prevClosingPrice()).isEqualTo(140.0);
        assertThat(t.signedChangeRate()).isCloseTo((LIVE_CLOSE - 140.0) / 140.0, within(1e-12));
    }

    @Test
    void singleBarWithoutAnyPreviousCloseIsRejected() {
        assertMalformed(() -> parser.chart("AAPL",
                shortChart(1, m -> m.without(List.of("previousClose", "chartPreviousClose")))));
    }

    @Test
    void withoutFiftyTwoWeekFiguresTheBarsExtremesAreUsed() {
        String body = changed(root -> {
            meta(root).remove("fiftyTwoWeekHigh");
            meta(root).putNull("fiftyTwoWeekLow");
        });

        Ticker t = parser.chart("AAPL", body).ticker();

        // the live bar spans 120..200, wider than every generated bar
        assertThat(t.highest52Week()).isEqualTo(200.0);
        assertThat(t.lowest52Week()).isEqualTo(120.0);
    }

    @Test
    void barsExtremesIgnoreReplacedAndNullBars() {
        String body = shortChart(3, m -> m.without(List.of("fiftyTwoWeekHigh", "fiftyTwoWeekLow")));

        Ticker t = parser.chart("AAPL", body).ticker();

        // bars 198, 199 and the live bar (same date as 199): 199 is replaced, the live bar covers 120..200
        assertThat(t.highest52Week()).isEqualTo(200.0);
        assertThat(t.lowest52Week()).isEqualTo(120.0);
        assertThat(parser.chart("AAPL", body).daily()).hasSize(2);
    }

    @Test
    void withoutMarketTimeAndVolumeTheLastBarAndZeroAreUsed() {
        String body = changed(root -> meta(root).without(List.of("regularMarketTime", "regularMarketVolume")));

        Ticker t = parser.chart("AAPL", body).ticker();

        assertThat(t.timestamp()).isEqualTo(Instant.ofEpochSecond(epoch(LAST_DAY, LocalTime.of(16, 0))));
        assertThat(t.accTradeVolume24h()).isZero();
    }

    @Test
    void missingCurrencyIsNull() {
        assertThat(parser.chart("AAPL", changed(root -> meta(root).remove("currency"))).currency()).isNull();
    }

    // ---- unknown symbol --------------------------------------------------------------------------------------

    private static final String NOT_FOUND = "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\","
            + "\"description\":\"No data found, symbol may be delisted\"}}}";

    @Test
    void unknownSymbolIsNotFound() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> parser.chart("NOPE1", NOT_FOUND));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("unknown ticker 'NOPE1': Yahoo Finance has no data for it");
        assertThat(parser.isUnknownSymbol(NOT_FOUND)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "<html><body>404</body></html>", "{\"chart\":", "[]", "null", "{}",
            "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Bad Request\",\"description\":\"Invalid range\"}}}",
            "{\"chart\":{\"result\":[],\"error\":{\"code\":\"Not Found\"}}}",
            "{\"chart\":{\"result\":null,\"error\":null}}"})
    void otherBodiesAreNotUnknownSymbols(String body) {
        assertThat(parser.isUnknownSymbol(body)).isFalse();
    }

    @Test
    void validChartIsNotAnUnknownSymbol() {
        assertThat(parser.isUnknownSymbol(fixture().toString())).isFalse();
    }

    @Test
    void otherChartErrorIsBadData() {
        String body = "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Bad Request\",\"description\":\"Invalid range\"}}}";

        assertMalformed(() -> parser.chart("AAPL", body));
    }

    // ---- malformed -------------------------------------------------------------------------------------------

    static Stream<Arguments> malformedCharts() {
        String valid = fixture().toString();
        return Stream.of(
                arguments(Named.of("HTML page", "<!DOCTYPE html><html><head><title>Yahoo</title></head>"
                        + "<body>Will be right back… Thank you for your patience.</body></html>")),
                arguments(Named.of("truncated JSON", valid.substring(0, valid.length() / 2))),
                arguments(Named.of("truncated by one character", valid.substring(0, valid.length() - 1))),
                arguments(Named.of("empty body", "")),
                arguments(Named.of("null body", null)),
                arguments(Named.of("JSON array", "[]")),
                arguments(Named.of("no chart", "{\"finance\":{\"result\":null}}")),
                arguments(Named.of("result empty array", "{\"chart\":{\"result\":[],\"error\":null}}")),
                arguments(Named.of("result and error null", "{\"chart\":{\"result\":null,\"error\":null}}")),
                arguments(Named.of("string close", changed(r -> ((ArrayNode) quote(r).get("close")).set(5, "187.2")))),
                arguments(Named.of("string timestamp", changed(r -> timestamps(r).set(5, "1764081000")))),
                arguments(Named.of("fractional timestamp", changed(r -> timestamps(r).set(5, 1764081000.5)))),
                arguments(Named.of("string price", changed(r -> meta(r).put("regularMarketPrice", "189.5")))),
                arguments(Named.of("string 52-week high", changed(r -> meta(r).put("fiftyTwoWeekHigh", "199.6")))),
                arguments(Named.of("missing price", changed(r -> meta(r).remove("regularMarketPrice")))),
                arguments(Named.of("zero price", changed(r -> meta(r).put("regularMarketPrice", 0)))),
                arguments(Named.of("negative market volume", changed(r -> meta(r).put("regularMarketVolume", -1)))),
                arguments(Named.of("numeric symbol", changed(r -> meta(r).put("symbol", 42)))),
                arguments(Named.of("close shorter than timestamp", changed(r -> ((ArrayNode) quote(r).get("close")).remove(0)))),
                arguments(Named.of("timestamp shorter than quotes", changed(r -> timestamps(r).remove(0)))),
                arguments(Named.of("volume missing", changed(r -> quote(r).remove("volume")))),
                arguments(Named.of("timestamp missing", changed(r -> ((ObjectNode) r.get("chart").get("result").get(0)).remove("timestamp")))),
                arguments(Named.of("quote empty", changed(r -> ((ObjectNode) r.get("chart").get("result").get(0).get("indicators")).putArray("quote")))),
                arguments(Named.of("meta missing", changed(r -> ((ObjectNode) r.get("chart").get("result").get(0)).remove("meta")))),
                arguments(Named.of("no bars", shortChart(0, m -> { }))),
                arguments(Named.of("all bars null", changed(r -> {
                    for (String s : List.of("open", "high", "low", "close", "volume")) {
                        ArrayNode values = (ArrayNode) quote(r).get(s);
                        for (int i = 0; i < values.size(); i++) {
                            values.set(i, JSON.nullNode());
                        }
                    }
                }))),
                arguments(Named.of("high below low", changed(r -> {
                    ((ArrayNode) quote(r).get("high")).set(5, 100.0);
                    ((ArrayNode) quote(r).get("low")).set(5, 110.0);
                }))),
                arguments(Named.of("zero open", changed(r -> ((ArrayNode) quote(r).get("open")).set(5, 0.0)))),
                arguments(Named.of("negative volume", changed(r -> ((ArrayNode) quote(r).get("volume")).set(5, -3)))));
    }

    @ParameterizedTest
    @MethodSource("malformedCharts")
    void malformedChartsAreRejected(String body) {
        assertMalformed(() -> parser.chart("AAPL", body));
    }

    @Test
    void htmlPageIsQuotedBriefly() {
        String tail = "SECRET-TAIL-MARKER";
        String html = "<html><head><title>Oops</title></head><body>" + "x".repeat(500) + tail + "</body></html>";

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> parser.chart("AAPL", html));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("<html>").doesNotContain(tail);
        assertThat(e.getMessage()).hasSizeLessThan(140);
    }

    // ---- ticker input, fundamentals --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", " aapl ", "BRK-B", "brk.b", "^GSPC", "005930.KS", "EURUSD=X", "ABCDEFGHIJKLMNO"})
    void tickerAcceptsYahooSymbols(String input) {
        assertThat(YahooParser.ticker(input)).isEqualTo(input.strip().toUpperCase()).matches("[A-Z0-9.\\-^=]{1,15}");
    }

    @Test
    void tickerNormalises() {
        assertThat(YahooParser.ticker("\t005930.ks\n")).isEqualTo("005930.KS");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "AAPL MSFT", "AAPL;DROP", "ABCDEFGHIJKLMNOP", "../etc", "AAPL/", "애플", "$AAPL"})
    void tickerRejectsOthers(String input) {
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> YahooParser.ticker(input));

        assertThat(e).as("expected a BadRequestException").isNotNull();
        assertThat(e.getMessage()).contains("AAPL", "BRK-B", "^GSPC", "005930.KS");
    }

    @Test
    void noFundamentalsIsEmpty() {
        Fundamentals f = parser.noFundamentals();

        assertThat(f.isEmpty()).isTrue();
        assertThat(f).isEqualTo(new Fundamentals(null, null, null, null, null, null));
    }
}
