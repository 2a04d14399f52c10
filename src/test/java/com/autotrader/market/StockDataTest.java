package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.autotrader.api.UpstreamException;
import com.autotrader.support.StockFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class StockDataTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final Instrument SAMSUNG = new Instrument("kis", "equity_kr", "005930", "005930");
    private static final Instrument APPLE = new Instrument("kis", "equity_us", "NAS:AAPL", "AAPL");

    private final KisParser kisParser = new KisParser();
    private final KisDirectory directory = new KisDirectory("");
    private final KisCalls calls = new KisCalls(
            new KisTokens(null, null, false, Duration.ofSeconds(1), Clock.systemUTC()),
            kisParser, "", "", 2, Duration.ofSeconds(1));
    private final StockData data = new StockData(new YahooParser(), kisParser, directory, calls, 200, 140, 3, 2000);

    private static Candle bar(int day, double open, double high, double low, double close, double volume) {
        return new Candle(LocalDate.of(2026, 11, day).atStartOfDay(), open, high, low, close, volume);
    }

    // ---- provisional / yahooSymbol --------------------------------------------------------------------------------

    @Test
    void provisionalYahooIsAUsEquity() {
        assertThat(data.provisional("yahoo", "AAPL")).isEqualTo(new Instrument("yahoo", "equity_us", "AAPL", "AAPL"));
    }

    @Test
    void provisionalKisIsAKoreanEquity() {
        assertThat(data.provisional("kis", "삼성전자")).isEqualTo(new Instrument("kis", "equity_kr", "삼성전자", "삼성전자"));
    }

    @Test
    void provisionalUpbitIsACoin() {
        assertThat(data.provisional("upbit", "BTC")).isEqualTo(Instrument.upbit("BTC", "BTC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KIS", "", "nasdaq"})
    void provisionalOtherMarketIsABadRequest(String market) {
        assertThatThrownBy(() -> data.provisional(market, "AAPL"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("yahoo or kis");
    }

    @Test
    void provisionalWithoutMarketIsABadRequest() {
        assertThatThrownBy(() -> data.provisional(null, "AAPL")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void yahooSymbolAcceptsStocks() {
        assertThat(data.yahooSymbol("AAPL")).isEqualTo("AAPL");
        assertThat(data.yahooSymbol(" brk-b ")).isEqualTo("BRK-B");
        assertThat(data.yahooSymbol("005930.KS")).isEqualTo("005930.KS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"^GSPC", "KRW=X", "^ks11"})
    void yahooSymbolRefusesIndicesAndCurrencyPairs(String input) {
        assertThatThrownBy(() -> data.yahooSymbol(input))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("only stocks");
    }

    @Test
    void yahooSymbolRefusesMalformedTickers() {
        assertThatThrownBy(() -> data.yahooSymbol("AA PL")).isInstanceOf(BadRequestException.class);
    }

    // ---- KIS calls --------------------------------------------------------------------------------------------------

    @Test
    void priceCallAsksForTheDomesticPrice() {
        KisCall call = data.priceCall(SAMSUNG);

        assertThat(call.path()).isEqualTo("/uapi/domestic-stock/v1/quotations/inquire-price");
        assertThat(call.trId()).isEqualTo("FHKST01010100");
        assertThat(call.query()).isEqualTo("FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930");
        assertThat(call.pending()).isTrue();
    }

    @Test
    void dailyCallAsksForThePagingWindow() {
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 10);

        KisCall call = data.dailyCall(SAMSUNG, paging);

        assertThat(call.path()).isEqualTo("/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice");
        assertThat(call.trId()).isEqualTo("FHKST03010100");
        assertThat(call.query()).isEqualTo("FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930"
                + "&FID_INPUT_DATE_1=20261116&FID_INPUT_DATE_2=20261125&FID_PERIOD_DIV_CODE=D&FID_ORG_ADJ_PRC=0");
    }

    @Test
    void dailyCallFollowsThePagingBackwards() {
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 10);
        paging.add(List.of(bar(20, 1, 1, 1, 1, 1), bar(24, 1, 1, 1, 1, 1)));

        KisCall call = data.dailyCall(SAMSUNG, paging);

        assertThat(call.query()).contains("&FID_INPUT_DATE_1=20261110&FID_INPUT_DATE_2=20261119&");
    }

    @Test
    void overseasCallSplitsExchangeAndSymbolAndEndsOnTheWindowEnd() {
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 10);

        KisCall call = data.overseasCall(APPLE, paging);

        assertThat(call.path()).isEqualTo("/uapi/overseas-price/v1/quotations/dailyprice");
        assertThat(call.trId()).isEqualTo("HHDFS76240000");
        assertThat(call.query()).isEqualTo("AUTH=&EXCD=NAS&SYMB=AAPL&GUBN=0&BYMD=20261125&MODP=1");
    }

    @Test
    void overseasIsDecidedByAssetType() {
        assertThat(data.overseas(APPLE)).isTrue();
        assertThat(data.overseas(SAMSUNG)).isFalse();
    }

    // ---- snapshots --------------------------------------------------------------------------------------------------

    @Test
    void overseasSnapshotTakesTheQuoteFromTheLastBars() {
        KisDailyPaging paging = new KisDailyPaging(10, TODAY, 30);
        paging.add(List.of(
                bar(23, 100, 105, 95, 100, 1_000),
                bar(25, 111, 112, 90, 99, 3_000),
                bar(24, 101, 120, 99, 110, 2_000)));

        MarketSnapshot s = data.overseasSnapshot(APPLE, paging);

        assertThat(s.instrument()).isEqualTo(APPLE);
        assertThat(s.daily()).extracting(Candle::close).containsExactly(100.0, 110.0, 99.0);
        assertThat(s.minutes()).isEmpty();
        assertThat(s.fundamentals()).isNull();
        Ticker t = s.ticker();
        assertThat(t.market()).isEqualTo("NAS:AAPL");
        assertThat(t.tradePrice()).isEqualTo(99.0);
        assertThat(t.prevClosingPrice()).isEqualTo(110.0);
        assertThat(t.signedChangeRate()).isCloseTo(-0.1, within(1e-12));
        assertThat(t.accTradeVolume24h()).isEqualTo(3_000);
        assertThat(t.highest52Week()).isEqualTo(120.0);
        assertThat(t.lowest52Week()).isEqualTo(90.0);
        assertThat(t.timestamp()).isEqualTo(LocalDate.of(2026, 11, 25).atStartOfDay(ZoneId.of("America/New_York")).toInstant());
        assertThat(s.currentPrice()).isEqualTo(99.0);
    }

    @Test
    void overseasFiftyTwoWeekRangeCoversOnlyTheLastYearOfBars() {
        List<Candle> bars = new ArrayList<>();
        LocalDateTime start = LocalDate.of(2025, 1, 1).atStartOfDay();
        for (int i = 0; i < 260; i++) {
            // the oldest eight bars hold extremes that must fall outside the 252-bar year
            double high = i < 8 ? 500 : 110 + (i == 100 ? 5 : 0);
            double low = i < 8 ? 1 : 90 - (i == 200 ? 5 : 0);
            bars.add(new Candle(start.plusDays(i), 100, high, low, 100, 10));
        }
        KisDailyPaging paging = new KisDailyPaging(300, TODAY, 30);
        paging.add(bars);

        Ticker t = data.overseasSnapshot(APPLE, paging).ticker();

        assertThat(t.highest52Week()).isEqualTo(115.0);
        assertThat(t.lowest52Week()).isEqualTo(85.0);
    }

    @Test
    void overseasSnapshotNeedsTwoBars() {
        KisDailyPaging one = new KisDailyPaging(10, TODAY, 30);
        one.add(List.of(bar(25, 100, 101, 99, 100, 10)));

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> data.overseasSnapshot(APPLE, one));

        assertThat(e).isNotNull();
        assertThat(e.service()).isEqualTo("kis");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.getMessage()).contains("NAS:AAPL");
        assertThat(catchThrowableOfType(UpstreamException.class,
                () -> data.overseasSnapshot(APPLE, new KisDailyPaging(10, TODAY, 30)))).isNotNull();
    }

    @Test
    void kisSnapshotRefusesAnEmptyPaging() {
        KisQuote quote = new KisQuote(new Ticker("005930", 71500, 71000, 0.007, 1, 88800, 49900, Instant.now()),
                new Fundamentals(13.0, 1.2, null, null, null, null), "삼성전자");

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> data.kisSnapshot(SAMSUNG, new KisDailyPaging(10, TODAY, 30), quote));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.getMessage()).contains("005930");
    }

    @Test
    void kisSnapshotNamesTheInstrumentFromTheDirectory() {
        KisQuote quote = new KisQuote(new Ticker("005930", 71500, 71000, 0.007, 1, 88800, 49900, Instant.now()),
                new Fundamentals(13.0, 1.2, null, null, null, null), "삼성전자");
        directory.learn("005930", "삼성전자");
        KisDailyPaging paging = new KisDailyPaging(10, TODAY, 30);
        paging.add(List.of(bar(25, 71000, 72000, 70500, 71500, 10)));

        MarketSnapshot s = data.kisSnapshot(SAMSUNG, paging, quote);

        assertThat(s.instrument()).isEqualTo(new Instrument("kis", "equity_kr", "005930", "삼성전자"));
        assertThat(s.ticker()).isSameAs(quote.ticker());
        assertThat(s.fundamentals()).isSameAs(quote.fundamentals());
        assertThat(s.daily()).hasSize(1);
    }

    @Test
    void kisQuoteTeachesTheDirectoryTheName() {
        KisQuote quote = data.kisQuote(new Instrument("kis", "equity_kr", "035720", "035720"),
                StockFixtures.kisPrice("035720", "카카오", 40000));

        assertThat(quote.name()).isEqualTo("카카오");
        assertThat(directory.resolve("카카오").symbol()).isEqualTo("035720");
    }

    // ---- tokenAnswer --------------------------------------------------------------------------------------------------

    @Test
    void tokenRefusalNamesTheCodeButNotTheText() {
        String body = "{\"error_description\":\"접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)\",\"error_code\":\"EGW00133\"}";

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> data.tokenAnswer(403, body));

        assertThat(e).isNotNull();
        assertThat(e.service()).isEqualTo("kis");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("EGW00133").contains("403")
                .doesNotContain("접근토큰").doesNotContain("error_description");
    }

    @Test
    void tokenRefusalWithoutACodeStillFailsWithoutEchoingTheBody() {
        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> data.tokenAnswer(500, "<html><body>Internal Server Error</body></html>"));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("500").doesNotContain("html").doesNotContain("Internal");
        assertThat(catchThrowableOfType(UpstreamException.class, () -> data.tokenAnswer(502, null))).isNotNull();
    }

    @Test
    void tokenAnswerReadsTheToken() {
        String body = """
                {"access_token":"eyJ0eXAiOiJKV1Qi","token_type":"Bearer","expires_in":86400,
                 "access_token_token_expired":"2026-11-26 10:00:00"}""";

        KisAccessToken token = data.tokenAnswer(200, body);

        assertThat(token.value()).isEqualTo("eyJ0eXAiOiJKV1Qi");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
    }

    // ---- yahooAnswer ----------------------------------------------------------------------------------------------------

    @Test
    void yahooNotFoundBodyIsNotFoundWhateverTheStatus() {
        assertThatThrownBy(() -> data.yahooAnswer("ZZZZ", 404, StockFixtures.yahooNotFound()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("ZZZZ");
        assertThatThrownBy(() -> data.yahooAnswer("ZZZZ", 200, StockFixtures.yahooNotFound()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void yahoo503WithHtmlIsUnavailable() {
        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> data.yahooAnswer("AAPL", 503, "<html><body>Service Unavailable</body></html>"));

        assertThat(e).isNotNull();
        assertThat(e.service()).isEqualTo("yahoo");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("503").contains("AAPL");
    }

    @Test
    void yahoo429IsUnavailable() {
        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> data.yahooAnswer("AAPL", 429, "Too Many Requests"));

        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
    }

    @Test
    void yahoo400IsABadGateway() {
        String body = "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Bad Request\",\"description\":\"Invalid input\"}}}";

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> data.yahooAnswer("AAPL", 400, body));

        assertThat(e).isNotNull();
        assertThat(e.service()).isEqualTo("yahoo");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.getMessage()).contains("400");
    }

    @Test
    void yahoo200IsTheChart() {
        YahooChart chart = data.yahooAnswer("AAPL", 200, StockFixtures.yahooChart("AAPL", 150, 30, Set.of()));

        assertThat(chart.instrument().symbol()).isEqualTo("AAPL");
        assertThat(chart.daily()).hasSize(30);
    }
}
