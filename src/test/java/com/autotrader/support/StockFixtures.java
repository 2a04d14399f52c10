package com.autotrader.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Yahoo Finance and KIS answers in their documented shapes. */
public final class StockFixtures {

    public static final String KIS_PRICE = "/uapi/domestic-stock/v1/quotations/inquire-price";
    public static final String KIS_DAILY = "/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice";
    public static final String KIS_TOKEN = "/oauth2/tokenP";
    public static final String KIS_OVERSEAS_DAILY = "/uapi/overseas-price/v1/quotations/dailyprice";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private StockFixtures() {
    }

    /** {@code bars} weekday bars up to 2026-11-25 at 09:30 New York; the indexes in {@code nulls} are null bars. */
    public static String yahooChart(String symbol, double base, int bars, Set<Integer> nulls) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = UpbitFixtures.LAST_DAY; days.size() < bars; d = d.minusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, d);
            }
        }
        List<String> ts = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<String> high = new ArrayList<>();
        List<String> low = new ArrayList<>();
        List<String> close = new ArrayList<>();
        List<String> volume = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            ts.add(String.valueOf(days.get(i).atTime(9, 30).atZone(NEW_YORK).toEpochSecond()));
            if (nulls.contains(i)) {
                open.add("null");
                high.add("null");
                low.add("null");
                close.add("null");
                volume.add("null");
                continue;
            }
            double c = UpbitFixtures.close(base, i);
            open.add(fmt(c * 0.995));
            high.add(fmt(c * 1.01));
            low.add(fmt(c * 0.985));
            close.add(fmt(c));
            volume.add(String.valueOf(40_000_000 + i * 10_000));
        }
        double last = UpbitFixtures.close(base, days.size() - 1);
        return """
                {"chart":{"result":[{"meta":{"currency":"USD","symbol":"%s","exchangeName":"NMS",
                  "exchangeTimezoneName":"America/New_York","gmtoffset":-18000,"regularMarketPrice":%s,
                  "previousClose":%s,"regularMarketVolume":51234567,"regularMarketTime":%s,
                  "fiftyTwoWeekHigh":%s,"fiftyTwoWeekLow":%s,"longName":"%s Inc."},
                 "timestamp":[%s],
                 "indicators":{"quote":[{"open":[%s],"high":[%s],"low":[%s],"close":[%s],"volume":[%s]}]}}],
                 "error":null}}""".formatted(symbol, fmt(last), fmt(UpbitFixtures.close(base, days.size() - 2)),
                ts.get(ts.size() - 1), fmt(base * 1.6), fmt(base * 0.7), symbol, String.join(",", ts),
                String.join(",", open), String.join(",", high), String.join(",", low), String.join(",", close),
                String.join(",", volume));
    }

    public static String yahooNotFound() {
        return """
                {"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""";
    }

    public static void yahoo(WireMockServer server, String symbol, double base, Set<Integer> nulls) {
        server.stubFor(get(urlPathEqualTo("/v8/finance/chart/" + symbol))
                .willReturn(okJson(yahooChart(symbol, base, 251, nulls))));
    }

    public static String kisPrice(String code, String name, double price) {
        return """
                {"rt_cd":"0","msg_cd":"MCA00000","msg1":"정상처리 되었습니다.",
                 "output":{"stck_prpr":"%s","prdy_vrss":"500","prdy_vrss_sign":"2","prdy_ctrt":"0.70",
                  "acml_vol":"12345678","per":"13.45","pbr":"1.21","eps":"5316.00","bps":"59059.00",
                  "hts_avls":"4268123","w52_hgpr":"88800","w52_lwpr":"49900","hts_kor_isnm":"%s","stck_shrn_iscd":"%s"}}"""
                .formatted(fmt(price), name, code);
    }

    public static String kisError(String msgCd, String msg) {
        return "{\"rt_cd\":\"1\",\"msg_cd\":\"" + msgCd + "\",\"msg1\":\"" + msg + "\"}";
    }

    public static String kisToken(String value) {
        String expires = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(1) + " 10:00:00";
        return """
                {"access_token":"%s","token_type":"Bearer","expires_in":86400,"access_token_token_expired":"%s"}"""
                .formatted(value, expires);
    }

    /** KIS answering: tokens t1, t2, … in turn, the price of {@code code}, and daily bars for any window. */
    public static void kis(WireMockServer server, String code, String name, double price) {
        server.stubFor(post(urlPathEqualTo(KIS_TOKEN)).willReturn(okJson(kisToken("kis-token-1"))));
        server.stubFor(get(urlPathEqualTo(KIS_PRICE)).withQueryParam("FID_INPUT_ISCD", equalTo(code))
                .willReturn(okJson(kisPrice(code, name, price))));
        server.stubFor(get(urlPathEqualTo(KIS_DAILY)).withQueryParam("FID_INPUT_ISCD", equalTo(code))
                .willReturn(aResponse().withTransformers(KisDailyBars.NAME)));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
