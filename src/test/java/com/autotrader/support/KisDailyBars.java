package com.autotrader.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * WireMock playing KIS's daily bars as the API documents them: for whatever date window is asked for
 * (domestic: FID_INPUT_DATE_1 … _2; overseas dailyprice: up to the base date BYMD), the trading days in it,
 * newest first, at most 100 rows, padded with an empty row.
 * Trading days are weekdays except a few holidays, up to today in Seoul. Stub with
 * {@code aResponse().withTransformers(KisDailyBars.NAME)}.
 */
public class KisDailyBars implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "kis-daily-bars";
    public static final int MAX_ROWS = 100;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** Days the exchange is closed besides weekends (a few, so the calendar has gaps a naive pager would miss). */
    public static Set<LocalDate> holidays() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        return Set.of(today.minusDays(30), today.minusDays(31), today.minusDays(120), today.minusDays(200));
    }

    public static boolean tradingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays().contains(d);
    }

    /** The trading days in [from, to], newest first. */
    public static List<LocalDate> tradingDays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = to; !d.isBefore(from); d = d.minusDays(1)) {
            if (tradingDay(d)) {
                days.add(d);
            }
        }
        return days;
    }

    /** A bar's close, so tests can tell which day a price came from. */
    public static double close(LocalDate day) {
        return 70_000 + (day.toEpochDay() % 50) * 100;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        boolean overseas = event.getRequest().getUrl().contains("/overseas-price/");
        LocalDate to;
        LocalDate from;
        if (overseas) {
            // dailyprice: up to 100 bars ending on the base date BYMD
            to = LocalDate.parse(event.getRequest().queryParameter("BYMD").firstValue(), DAY);
            from = to.minusDays(400);
        } else {
            from = LocalDate.parse(event.getRequest().queryParameter("FID_INPUT_DATE_1").firstValue(), DAY);
            to = LocalDate.parse(event.getRequest().queryParameter("FID_INPUT_DATE_2").firstValue(), DAY);
        }
        List<LocalDate> days = tradingDays(from, to);
        StringBuilder rows = new StringBuilder();
        for (LocalDate d : days.subList(0, Math.min(MAX_ROWS, days.size()))) {
            double close = close(d);
            rows.append(overseas
                    ? String.format(Locale.ROOT, """
                    {"xymd":"%s","clos":"%.2f","sign":"2","diff":"1.00","rate":"0.50","open":"%.2f","high":"%.2f",\
                    "low":"%.2f","tvol":"%d","tamt":"0"},""", DAY.format(d), close / 400, (close - 300) / 400,
                    (close + 500) / 400, (close - 600) / 400, 40_000_000 + d.getDayOfMonth() * 1000)
                    : String.format(Locale.ROOT, """
                    {"stck_bsop_date":"%s","stck_oprc":"%.0f","stck_hgpr":"%.0f","stck_lwpr":"%.0f","stck_clpr":"%.0f",\
                    "acml_vol":"%d"},""", DAY.format(d), close - 300, close + 500, close - 600, close,
                    1_000_000 + d.getDayOfMonth() * 1000));
        }
        // KIS pads the list with an empty row
        rows.append(overseas ? """
                {"xymd":"","clos":"","sign":"","diff":"","rate":"","open":"","high":"","low":"","tvol":"","tamt":""}"""
                : """
                {"stck_bsop_date":"","stck_oprc":"","stck_hgpr":"","stck_lwpr":"","stck_clpr":"","acml_vol":""}""");
        String body = """
                {"rt_cd":"0","msg_cd":"MCA00000","msg1":"정상처리 되었습니다.","output1":{},"output2":[%s]}"""
                .formatted(rows);
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
