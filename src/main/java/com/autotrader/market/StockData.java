package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.UpstreamAttempts;
import com.autotrader.api.UpstreamException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The small steps of collect-stock-data: checking a ticker, reading Yahoo's and KIS's answers (status and
 * body together), the KIS queries and date paging, and the snapshot an analysis runs on.
 */
@Component
public class StockData {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final YahooParser yahoo;
    private final KisParser kis;
    private final KisDirectory directory;
    private final KisCalls calls;
    private final int dailyCount;
    private final int windowDays;
    private final int yahooMaxAttempts;
    private final long yahooBackoffMillis;

    public StockData(YahooParser yahoo, KisParser kis, KisDirectory directory, KisCalls calls,
                     @Value("${stocks.daily-count:200}") int dailyCount,
                     @Value("${kis.daily-window-days:140}") int windowDays,
                     @Value("${yahoo.max-attempts:3}") int yahooMaxAttempts,
                     @Value("${yahoo.retry-backoff-ms:2000}") long yahooBackoffMillis) {
        this.yahoo = yahoo;
        this.kis = kis;
        this.directory = directory;
        this.calls = calls;
        this.dailyCount = dailyCount;
        this.windowDays = windowDays;
        this.yahooMaxAttempts = yahooMaxAttempts;
        this.yahooBackoffMillis = yahooBackoffMillis;
    }

    /** The instrument as asked for, before the source confirms it: upbit → crypto, yahoo → equity_us, kis → equity_kr. */
    public Instrument provisional(String market, String symbol) {
        if ("upbit".equals(market)) {
            return Instrument.upbit(String.valueOf(symbol), String.valueOf(symbol));
        }
        if ("yahoo".equals(market)) {
            return new Instrument("yahoo", "equity_us", String.valueOf(symbol), String.valueOf(symbol));
        }
        if ("kis".equals(market)) {
            return new Instrument("kis", "equity_kr", String.valueOf(symbol), String.valueOf(symbol));
        }
        throw new BadRequestException("market must be upbit, yahoo or kis, got '" + market + "'");
    }

    /** A Yahoo ticker to analyse: AAPL, BRK-B, 005930.KS; indices (^GSPC) and currency pairs (=X) are not. */
    public String yahooSymbol(String input) {
        String symbol = YahooParser.ticker(input);
        if (symbol.contains("^") || symbol.contains("=")) {
            throw new BadRequestException("only stocks are analysed, not indices or currency pairs: '" + symbol + "'");
        }
        return symbol;
    }

    /** Yahoo's chart answer: an unknown symbol is a 404, another failure status a 502/503, else the chart. */
    public YahooChart yahooAnswer(String symbol, int status, String body) {
        if (yahoo.isUnknownSymbol(body)) {
            return yahoo.chart(symbol, body);   // throws NotFoundException
        }
        if (status >= 400) {
            throw new UpstreamException("yahoo", status == 429 || status >= 500 ? UpstreamException.Kind.UNAVAILABLE
                    : UpstreamException.Kind.BAD_GATEWAY, "Yahoo Finance answered HTTP " + status + " for " + symbol);
        }
        return yahoo.chart(symbol, body);
    }

    public MarketSnapshot yahooSnapshot(YahooChart chart) {
        return new MarketSnapshot(chart.instrument(), newest(chart.daily()), Map.of(), chart.ticker(),
                yahoo.noFundamentals());
    }

    /** Domestic price with fundamentals (tr_id FHKST01010100). */
    public KisCall priceCall(Instrument instrument) {
        return calls.call("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100",
                "FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=" + instrument.symbol());
    }

    /** The next window of daily bars (tr_id FHKST03010100, FID_INPUT_DATE_1 … _2, oldest to newest). */
    public KisCall dailyCall(Instrument instrument, KisDailyPaging paging) {
        return calls.call("/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice", "FHKST03010100",
                "FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=" + instrument.symbol() + "&FID_INPUT_DATE_1=" + paging.start()
                        + "&FID_INPUT_DATE_2=" + paging.end() + "&FID_PERIOD_DIV_CODE=D&FID_ORG_ADJ_PRC=0");
    }

    public boolean overseas(Instrument instrument) {
        return "equity_us".equals(instrument.assetType());
    }

    /** Overseas daily bars (tr_id HHDFS76240000): up to 100 rows ending on BYMD, paged back like the domestic ones. */
    public KisCall overseasCall(Instrument instrument, KisDailyPaging paging) {
        String[] exchangeAndSymbol = instrument.symbol().split(":", 2);
        return calls.call("/uapi/overseas-price/v1/quotations/dailyprice", "HHDFS76240000",
                "AUTH=&EXCD=" + exchangeAndSymbol[0] + "&SYMB=" + exchangeAndSymbol[1] + "&GUBN=0&BYMD=" + paging.end()
                        + "&MODP=1");
    }

    public void addOverseasPage(KisDailyPaging paging, String body) {
        paging.add(kis.overseasDaily(body));
    }

    /**
     * An overseas stock has no price call in this app: the latest bar is the quote, the bar before it the
     * previous close, the year of bars the 52-week range. No fundamentals.
     */
    public MarketSnapshot overseasSnapshot(Instrument instrument, KisDailyPaging paging) {
        List<Candle> daily = paging.candles();
        if (daily.size() < 2) {
            throw UpstreamException.badData("kis", "fewer than two daily bars for " + instrument.symbol());
        }
        Candle last = daily.get(daily.size() - 1);
        double previous = daily.get(daily.size() - 2).close();
        List<Candle> year = daily.subList(Math.max(0, daily.size() - 252), daily.size());
        Ticker ticker = new Ticker(instrument.symbol(), last.close(), previous, (last.close() - previous) / previous,
                last.volume(), year.stream().mapToDouble(Candle::high).max().orElse(Double.NaN),
                year.stream().mapToDouble(Candle::low).min().orElse(Double.NaN),
                last.time().atZone(ZoneId.of("America/New_York")).toInstant());
        return new MarketSnapshot(instrument, daily, Map.of(), ticker, null);
    }

    public UpstreamAttempts yahooAttempts() {
        return new UpstreamAttempts(yahooMaxAttempts, java.time.Duration.ofMillis(yahooBackoffMillis));
    }

    public void yahooAnswered(UpstreamAttempts attempts, int status, String retryAfter) {
        attempts.answered(status, retryAfter);
    }

    public KisDailyPaging kisPaging() {
        return new KisDailyPaging(dailyCount, LocalDate.now(KST), windowDays);
    }

    public void addPage(KisDailyPaging paging, String body) {
        paging.add(kis.domesticDaily(body));
    }

    /** The price with fundamentals; the name KIS gives is remembered for later lookups by name. */
    public KisQuote kisQuote(Instrument instrument, String body) {
        KisQuote quote = kis.domesticPrice(instrument.symbol(), body);
        directory.learn(instrument.symbol(), quote.name());
        return quote;
    }

    public MarketSnapshot kisSnapshot(Instrument instrument, KisDailyPaging paging, KisQuote quote) {
        List<Candle> daily = paging.candles();
        if (daily.isEmpty()) {
            throw UpstreamException.badData("kis", "no daily bars for " + instrument.symbol());
        }
        Instrument named = new Instrument(instrument.market(), instrument.assetType(), instrument.symbol(),
                directory.nameOf(instrument.symbol()));
        return new MarketSnapshot(named, daily, Map.of(), quote.ticker(), quote.fundamentals());
    }

    /** tokenP's answer: KIS refuses with {error_code, error_description} and a 4xx/5xx. */
    public KisAccessToken tokenAnswer(int status, String body) {
        if (status >= 400) {
            String code = body == null ? "" : body.replaceAll("(?s).*\"error_code\"\\s*:\\s*\"([A-Z0-9]+)\".*", "$1");
            throw new UpstreamException("kis", UpstreamException.Kind.UNAVAILABLE, "KIS would not issue an access token (HTTP "
                    + status + (code.matches("[A-Z0-9]{4,12}") ? ", " + code : "") + ")");
        }
        return kis.token(body);
    }

    private List<Candle> newest(List<Candle> daily) {
        return daily.subList(Math.max(0, daily.size() - dailyCount), daily.size());
    }
}
