package com.autotrader.analysis;

import com.autotrader.market.Candle;
import com.autotrader.market.Fundamentals;
import com.autotrader.market.Instrument;
import com.autotrader.market.MarketSnapshot;
import com.autotrader.market.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromptBuilderTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 25);
    private static final double PRICE = 143_250_000;

    private final PromptBuilder builder = new PromptBuilder();
    private final Indicators indicators = new Indicators();

    // ------------------------------------------------------------------ fixtures

    /** {@code count} daily candles ending on 2026-11-25, oldest first; the last close is exactly 143,250,000. */
    private static List<Candle> daily(int count) {
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int fromEnd = count - 1 - i;
            double close = fromEnd == 0 ? PRICE
                    : Math.round(PRICE * (1 - 0.001 * fromEnd + 0.04 * Math.sin(fromEnd / 6.0)) / 1000) * 1000.0;
            double open = close * 0.996;
            double high = Math.round(close * 1.012 / 1000) * 1000.0;
            double low = Math.round(open * 0.988 / 1000) * 1000.0;
            double volume = 1800.25 + 37 * (i % 11);
            out.add(new Candle(LAST_DAY.minusDays(fromEnd).atTime(9, 0), open, high, low, close, volume));
        }
        return out;
    }

    private static List<Candle> minutes(int unit, int count) {
        List<Candle> out = new ArrayList<>();
        LocalDateTime last = LAST_DAY.atTime(15, 0);
        for (int i = count - 1; i >= 0; i--) {
            double close = PRICE + 10_000 * i;
            out.add(new Candle(last.minusMinutes((long) unit * i), close - 5_000, close + 20_000,
                    close - 25_000, close, 3.5 + i));
        }
        return out;
    }

    private static MarketSnapshot snapshot(List<Candle> daily) {
        Map<Integer, List<Candle>> minutes = new LinkedHashMap<>();
        minutes.put(60, minutes(60, 24));
        minutes.put(5, minutes(5, 20));
        minutes.put(1, minutes(1, 15));
        Ticker ticker = new Ticker("KRW-BTC", PRICE, daily.size() > 1 ? daily.get(daily.size() - 2).close() : PRICE,
                0.01, 2500, 160_000_000, 90_000_000, Instant.parse("2026-11-25T06:00:00Z"));
        return new MarketSnapshot(Instrument.upbit("KRW-BTC", "비트코인"), daily, minutes, ticker);
    }

    private static String section(String prompt, String start, String endMarker) {
        int from = prompt.indexOf(start);
        assertThat(from).as("section " + start).isGreaterThanOrEqualTo(0);
        int to = prompt.indexOf(endMarker, from + start.length());
        assertThat(to).as("end of section " + start).isGreaterThan(from);
        return prompt.substring(from, to);
    }

    private static List<String> linesStartingWith(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }

    // ------------------------------------------------------------------ build

    @Test
    void fullPromptHasHeaderSectionsAndFormattedNumbers() {
        List<Candle> daily = daily(200);
        MarketSnapshot data = snapshot(daily);
        IndicatorSnapshot ind = indicators.compute(daily);

        String prompt = builder.build(data, ind);

        // 06:00Z is 15:00 KST on the same day
        assertThat(prompt).startsWith("비트코인(KRW-BTC) (관측일 2026-11-25)");
        assertThat(prompt).contains("[기술 요약]", "[가격 지표]", "[거래량 지표]", "[단기 캔들]", "[최근 10거래일]", "[질문]");
        assertThat(prompt.indexOf("[기술 요약]")).isLessThan(prompt.indexOf("[가격 지표]"));
        assertThat(prompt.indexOf("[가격 지표]")).isLessThan(prompt.indexOf("[거래량 지표]"));
        assertThat(prompt.indexOf("[거래량 지표]")).isLessThan(prompt.indexOf("[단기 캔들]"));
        assertThat(prompt.indexOf("[단기 캔들]")).isLessThan(prompt.indexOf("[최근 10거래일]"));
        assertThat(prompt.indexOf("[최근 10거래일]")).isLessThan(prompt.indexOf("[질문]"));

        // KRW prices with thousands separators, no decimals
        assertThat(prompt).contains("- 현재가: 143,250,000 (전일 대비 ");
        assertThat(prompt).containsPattern("- 현재가: 143,250,000 \\(전일 대비 [+-]\\d+\\.\\d{2}%\\)");
        // 200 candles: every indicator is computable, so nothing is N/A
        assertThat(prompt).doesNotContain("N/A");
        assertThat(prompt).contains("SMA5 ", "SMA20 ", "SMA60 ", "SMA120 ", "SMA200 ");
        assertThat(prompt).contains("VMA5 ", "VMA20 ", "VMA60 ", "VMA120 ", "VMA200 ");
        assertThat(prompt).containsPattern("SMA200 \\d{1,3}(,\\d{3})+\\b");
        assertThat(prompt).containsPattern("상단 \\d{1,3}(,\\d{3})+, 중단 \\d{1,3}(,\\d{3})+, 하단 \\d{1,3}(,\\d{3})+, 밴드폭 \\d+\\.\\d{2}%");
        assertThat(prompt).containsPattern("- RSI\\(14\\): \\d+\\.\\d{2}\n");
        assertThat(prompt).contains("- RSI(14): " + Numbers.decimal(ind.rsi()));
        assertThat(prompt).contains("- 거래량: " + Numbers.volume(ind.volume()));
        assertThat(Numbers.volume(ind.volume())).contains(",");
    }

    @Test
    void recentDaysSectionHasTheLastTenDatesOldestFirst() {
        List<Candle> daily = daily(200);
        String prompt = builder.build(snapshot(daily), indicators.compute(daily));

        String recent = section(prompt, "[최근 10거래일]", "[질문]");
        List<String> lines = linesStartingWith(recent, "- ");

        assertThat(lines).hasSize(10);
        for (int i = 0; i < 10; i++) {
            LocalDate day = LAST_DAY.minusDays(9 - i);
            assertThat(lines.get(i)).startsWith("- " + day + ", ");
        }
        assertThat(recent).doesNotContain("2026-11-15");
        // the last line is the newest candle, fully formatted: open, high, low, close, volume
        Candle last = daily.get(daily.size() - 1);
        assertThat(lines.get(9)).isEqualTo("- 2026-11-25, " + Numbers.price(last.open()) + ", "
                + Numbers.price(last.high()) + ", " + Numbers.price(last.low()) + ", 143,250,000, "
                + Numbers.volume(last.volume()));
        assertThat(lines.get(9)).contains("143,250,000");
    }

    @Test
    void shortTermSectionShowsTheNewestBarsOfEachUnit() {
        List<Candle> daily = daily(200);
        String prompt = builder.build(snapshot(daily), indicators.compute(daily));

        String shortTerm = section(prompt, "[단기 캔들]", "[최근 10거래일]");

        assertThat(shortTerm).contains("- 60분봉 최근 12개", "- 5분봉 최근 12개", "- 1분봉 최근 10개");
        assertThat(shortTerm.indexOf("60분봉")).isLessThan(shortTerm.indexOf("- 5분봉"));
        assertThat(shortTerm.indexOf("- 5분봉")).isLessThan(shortTerm.indexOf("- 1분봉"));
        assertThat(linesStartingWith(shortTerm, "  ")).hasSize(12 + 12 + 10);
        // the newest bar of each unit (15:00 KST) is the last one shown; 60-minute bars start 11 hours earlier
        assertThat(shortTerm).contains("  11-25 04:00, ").doesNotContain("  11-25 03:00, ");
        assertThat(shortTerm).contains("  11-25 15:00, 143,245,000, 143,270,000, 143,225,000, 143,250,000, 3.5");
    }

    @Test
    void missingMinuteUnitsAreSkipped() {
        List<Candle> daily = daily(200);
        MarketSnapshot full = snapshot(daily);
        Map<Integer, List<Candle>> onlyHourly = new HashMap<>();
        onlyHourly.put(60, full.minutes().get(60));
        onlyHourly.put(5, List.of());
        MarketSnapshot data = new MarketSnapshot(full.instrument(), daily, onlyHourly, full.ticker());

        String prompt = builder.build(data, indicators.compute(daily));

        assertThat(prompt).contains("- 60분봉 최근 12개").doesNotContain("5분봉").doesNotContain("1분봉");
    }

    @Test
    void shortHistoryShowsNotAvailableForMissingValues() {
        List<Candle> daily = daily(30);
        IndicatorSnapshot ind = indicators.compute(daily);

        String prompt = builder.build(snapshot(daily), ind);

        assertThat(prompt).contains("- MACD(12,26,9): MACD N/A, 시그널 N/A, 히스토그램 N/A");
        assertThat(prompt).contains("SMA60 N/A SMA120 N/A SMA200 N/A");
        assertThat(prompt).contains("VMA60 N/A VMA120 N/A VMA200 N/A");
        assertThat(prompt).doesNotContain("SMA5 N/A").doesNotContain("SMA20 N/A");
        assertThat(prompt).doesNotContain("RSI(14): N/A");
        // only 30 days of history: still 10 recent days
        assertThat(linesStartingWith(section(prompt, "[최근 10거래일]", "[질문]"), "- ")).hasSize(10);
    }

    @Test
    void singleCandleShowsNotAvailableForChangesAndTheSummarySaysDataIsMissing() {
        List<Candle> daily = daily(1);
        IndicatorSnapshot ind = indicators.compute(daily);

        String prompt = builder.build(snapshot(daily), ind);

        assertThat(prompt).contains("- 현재가: 143,250,000 (전일 대비 N/A)");
        assertThat(prompt).contains("(전일 대비 N/A)\n- 거래량 이동평균:");
        assertThat(prompt).contains("- RSI(14): N/A");
        assertThat(prompt).contains("- 스토캐스틱(14,3): %K N/A, %D N/A");
        assertThat(prompt).contains("상단 N/A, 중단 N/A, 하단 N/A, 밴드폭 N/A%");
        assertThat(prompt).contains("[기술 요약] 지표를 계산할 데이터가 부족함");
        assertThat(linesStartingWith(section(prompt, "[최근 10거래일]", "[질문]"), "- ")).hasSize(1);
    }

    @Test
    void questionAsksForTheJsonContract() {
        List<Candle> daily = daily(200);
        String prompt = builder.build(snapshot(daily), indicators.compute(daily));

        String question = prompt.substring(prompt.indexOf("[질문]"));

        assertThat(question).contains("decision", "confidence", "reasons", "price_analysis",
                "appropriate_buy_range", "appropriate_sell_range", "buy_hope_range", "sell_target_range",
                "detailed_text");
        assertThat(question).contains("\"buy\" | \"hold\" | \"sell\"");
        assertThat(question).contains("최대 3개");
    }

    // ------------------------------------------------------------------ summary

    private static IndicatorSnapshot ind(Double histogram, Double previousHistogram, Double rsi,
                                         Double upper, Double middle, Double lower,
                                         Double sma20, Double sma60, double volume, Double vma20) {
        Map<Integer, Double> priceSma = new LinkedHashMap<>();
        priceSma.put(20, sma20);
        priceSma.put(60, sma60);
        Map<Integer, Double> volumeSma = new LinkedHashMap<>();
        volumeSma.put(20, vma20);
        return new IndicatorSnapshot(100, null, volume, null, histogram == null ? null : 1.0,
                histogram == null ? null : 1.0 - histogram, histogram, previousHistogram, rsi,
                upper, middle, lower, null, null, null, priceSma, volumeSma);
    }

    private static IndicatorSnapshot macdOnly(Double histogram, Double previousHistogram) {
        return ind(histogram, previousHistogram, null, null, null, null, null, null, 0, null);
    }

    private static IndicatorSnapshot rsiOnly(double rsi) {
        return ind(null, null, rsi, null, null, null, null, null, 0, null);
    }

    @Test
    void summaryNamesMacdCrosses() {
        assertThat(PromptBuilder.summary(100, macdOnly(0.5, -0.5))).isEqualTo("MACD 골든크로스");
        assertThat(PromptBuilder.summary(100, macdOnly(0.5, 0.0))).isEqualTo("MACD 골든크로스");
        assertThat(PromptBuilder.summary(100, macdOnly(-0.5, 0.5))).isEqualTo("MACD 데드크로스");
        assertThat(PromptBuilder.summary(100, macdOnly(-0.5, 0.0))).isEqualTo("MACD 데드크로스");
        assertThat(PromptBuilder.summary(100, macdOnly(0.7, 0.5))).isEqualTo("MACD 시그널 위");
        assertThat(PromptBuilder.summary(100, macdOnly(-0.7, -0.5))).isEqualTo("MACD 시그널 아래");
        // without a previous bar there is no cross, only the position
        assertThat(PromptBuilder.summary(100, macdOnly(0.5, null))).isEqualTo("MACD 시그널 위");
        assertThat(PromptBuilder.summary(100, macdOnly(-0.5, null))).isEqualTo("MACD 시그널 아래");
    }

    @Test
    void summaryNamesRsiZones() {
        assertThat(PromptBuilder.summary(100, rsiOnly(70))).isEqualTo("RSI 70.00 (과매수)");
        assertThat(PromptBuilder.summary(100, rsiOnly(85.456))).isEqualTo("RSI 85.46 (과매수)");
        assertThat(PromptBuilder.summary(100, rsiOnly(69.99))).isEqualTo("RSI 69.99 (중립)");
        assertThat(PromptBuilder.summary(100, rsiOnly(50))).isEqualTo("RSI 50.00 (중립)");
        assertThat(PromptBuilder.summary(100, rsiOnly(30.01))).isEqualTo("RSI 30.01 (중립)");
        assertThat(PromptBuilder.summary(100, rsiOnly(30))).isEqualTo("RSI 30.00 (과매도)");
        assertThat(PromptBuilder.summary(100, rsiOnly(12.3))).isEqualTo("RSI 12.30 (과매도)");
    }

    @Test
    void summaryNamesBollingerPositionTrendAndVolume() {
        IndicatorSnapshot base = ind(null, null, null, 110.0, 100.0, 90.0, 105.0, 100.0, 150, 100.0);

        assertThat(PromptBuilder.summary(111, base)).isEqualTo(
                "볼린저 상단 돌파, SMA20 > SMA60 (상승 추세), 거래량 20일 평균 대비 +50.00%");
        assertThat(PromptBuilder.summary(89, base)).startsWith("볼린저 하단 이탈");
        assertThat(PromptBuilder.summary(100, base)).startsWith("볼린저 중단 위");
        assertThat(PromptBuilder.summary(99, base)).startsWith("볼린저 중단 아래");

        IndicatorSnapshot falling = ind(null, null, null, null, null, null, 95.0, 100.0, 50, 100.0);
        assertThat(PromptBuilder.summary(100, falling))
                .isEqualTo("SMA20 < SMA60 (하락 추세), 거래량 20일 평균 대비 -50.00%");
    }

    @Test
    void summaryJoinsPartsInOrder() {
        IndicatorSnapshot all = ind(0.5, -0.5, 75.0, 110.0, 100.0, 90.0, 105.0, 100.0, 100, 100.0);

        assertThat(PromptBuilder.summary(105, all)).isEqualTo(
                "MACD 골든크로스, RSI 75.00 (과매수), 볼린저 중단 위, SMA20 > SMA60 (상승 추세), 거래량 20일 평균 대비 +0.00%");
    }

    @Test
    void summaryWithoutAnyIndicatorSaysDataIsMissing() {
        IndicatorSnapshot none = ind(null, null, null, null, null, null, null, null, 100, null);

        assertThat(PromptBuilder.summary(100, none)).isEqualTo("지표를 계산할 데이터가 부족함");
    }

    @Test
    void summaryOfTheBuiltPromptMatchesTheStaticSummary() {
        List<Candle> daily = daily(200);
        IndicatorSnapshot ind = indicators.compute(daily);

        String prompt = builder.build(snapshot(daily), ind);

        assertThat(prompt).contains("[기술 요약] " + PromptBuilder.summary(PRICE, ind) + "\n");
        assertThat(PromptBuilder.summary(PRICE, ind)).contains("RSI ", "MACD ", "볼린저 ", "SMA20 ", "거래량 20일 평균 대비");
    }

    @Test
    void aStockPromptHasAFundamentalsSectionNoShortTermCandlesAndItsOwnCurrency() {
        Ticker ticker = new Ticker("005930", 71_500, 71_000, 0.007, 12_345_678, 88_800, 49_900,
                Instant.parse("2026-11-25T07:00:00Z"));
        // the same price path, at Samsung's price level (a quote must be near its own closes)
        List<Candle> samsung = daily(200).stream().map(c -> new Candle(c.time(), c.open() / 2000, c.high() / 2000,
                c.low() / 2000, c.close() / 2000, c.volume())).toList();
        MarketSnapshot kis = new MarketSnapshot(new Instrument("kis", "equity_kr", "005930", "삼성전자"), samsung,
                Map.of(), ticker, new Fundamentals(13.45, 1.21, 5316.0, 59059.0, 4.268123e14, null));

        String prompt = builder.build(kis, indicators.compute(kis.daily()));

        assertThat(prompt).startsWith("삼성전자(005930) (관측일 2026-11-25)")
                .contains("[펀더멘털]\n- PER 13.45, PBR 1.21, EPS 5,316, BPS 59,059, 시가총액 ",
                        "- 52주 최고 88,800, 52주 최저 49,900", "원화 가격")
                .doesNotContain("[단기 캔들]", "배당수익률");

        MarketSnapshot yahoo = new MarketSnapshot(new Instrument("yahoo", "equity_us", "AAPL", "Apple Inc."), samsung,
                Map.of(), ticker, new Fundamentals(null, null, null, null, null, null));
        assertThat(builder.build(yahoo, indicators.compute(yahoo.daily()))).contains("달러(USD) 가격")
                .doesNotContain("[펀더멘털]", "원화 가격");
    }
}
