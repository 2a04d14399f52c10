package com.autotrader.market;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KisDailyPagingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25); // a Wednesday
    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<LocalDate> HOLIDAYS = Stream.of(
            "2025-08-15", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09", "2025-12-25",
            "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-02", "2026-05-05", "2026-05-25",
            "2026-06-03", "2026-08-17", "2026-09-24", "2026-09-25", "2026-10-05", "2026-10-09")
            .map(LocalDate::parse).collect(Collectors.toSet());

    private final KisParser parser = new KisParser();

    /** Weekdays without the holidays, from {@code first} to a few days after {@code TODAY}, oldest first. */
    private static List<LocalDate> tradingDays(LocalDate first) {
        return first.datesUntil(TODAY.plusDays(7))
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
                .filter(d -> !HOLIDAYS.contains(d))
                .toList();
    }

    private static Candle bar(LocalDate date, double close) {
        return new Candle(date.atStartOfDay(), close, close + 10, close - 10, close, 1000);
    }

    /** Stands in for inquire-daily-itemchartprice: newest first, at most 100 rows, padded like KIS pads. */
    private static final class KisStub {
        final List<LocalDate> calendar;
        final List<String[]> calls = new ArrayList<>();

        KisStub(List<LocalDate> calendar) {
            this.calendar = calendar;
        }

        String daily(String start, String end) {
            calls.add(new String[] {start, end});
            LocalDate from = LocalDate.parse(start, YMD);
            LocalDate to = LocalDate.parse(end, YMD);
            String rows = calendar.stream()
                    .filter(d -> !d.isBefore(from) && !d.isAfter(to))
                    .sorted(Comparator.reverseOrder())
                    .limit(100)
                    .map(d -> "{\"stck_bsop_date\":\"%s\",\"stck_oprc\":\"%d\",\"stck_hgpr\":\"%d\",\"stck_lwpr\":\"%d\",\"stck_clpr\":\"%d\",\"acml_vol\":\"1000\"}"
                            .formatted(d.format(YMD), price(d), price(d) + 100, price(d) - 100, price(d)))
                    .collect(Collectors.joining(","));
            String padding = "{},{\"stck_bsop_date\":\"\",\"stck_clpr\":\"\"}";
            return "{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"ok\",\"output2\":["
                    + (rows.isEmpty() ? padding : rows + "," + padding) + "]}";
        }

        static long price(LocalDate d) {
            return 50_000 + d.toEpochDay() % 1000;
        }
    }

    /** The loop a KIS client runs, bounded so a broken {@code done()} fails instead of hanging. */
    private List<Candle> fetch(KisDailyPaging paging, Function<KisDailyPaging, List<Candle>> call) {
        for (int i = 0; i < 100 && !paging.done(); i++) {
            paging.add(call.apply(paging));
        }
        assertThat(paging.done()).as("paging finished").isTrue();
        return paging.candles();
    }

    private List<Candle> fetch(KisDailyPaging paging, KisStub stub) {
        return fetch(paging, p -> parser.domesticDaily(stub.daily(p.start(), p.end())));
    }

    private static List<LocalDate> dates(List<Candle> candles) {
        return candles.stream().map(c -> c.time().toLocalDate()).toList();
    }

    private static List<LocalDate> lastTradingDays(List<LocalDate> calendar, LocalDate upTo, int n) {
        List<LocalDate> upToToday = calendar.stream().filter(d -> !d.isAfter(upTo)).toList();
        return upToToday.subList(upToToday.size() - n, upToToday.size());
    }

    // ---- against the stub -------------------------------------------------------------------------------------

    @Test
    void twoHundredBarsArriveGaplessInTwoOrThreePages() {
        List<LocalDate> calendar = tradingDays(LocalDate.of(2025, 6, 2));
        KisStub stub = new KisStub(calendar);
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 140);

        List<Candle> candles = fetch(paging, stub);

        assertThat(paging.pages()).isBetween(2, 3);
        assertThat(candles).hasSize(200);
        List<LocalDate> got = dates(candles);
        assertThat(got).isSorted().doesNotHaveDuplicates();
        // Equal to the calendar's last 200 trading days: no day missing between first and last.
        assertThat(got).isEqualTo(lastTradingDays(calendar, TODAY, 200));
        assertThat(candles).allSatisfy(c -> assertThat(c.close()).isEqualTo(KisStub.price(c.time().toLocalDate())));
        assertThat(stub.calls.get(0)).containsExactly("20260709", "20261125");
        assertThat(stub.calls).allSatisfy(w -> assertThat(w[0]).isLessThanOrEqualTo(w[1]));
    }

    @Test
    void windowsWiderThanTheRowLimitStillLeaveNoGap() {
        // 400 calendar days hold ~270 trading days; KIS cuts each answer to 100 rows.
        List<LocalDate> calendar = tradingDays(LocalDate.of(2025, 6, 2));
        KisDailyPaging paging = new KisDailyPaging(250, TODAY, 400);

        List<Candle> candles = fetch(paging, new KisStub(calendar));

        assertThat(paging.pages()).isEqualTo(3);
        assertThat(dates(candles)).isEqualTo(lastTradingDays(calendar, TODAY, 250));
    }

    @Test
    void aWeekendTodayEndsOnFriday() {
        LocalDate sunday = LocalDate.of(2026, 11, 29);
        List<LocalDate> calendar = tradingDays(LocalDate.of(2025, 6, 2));

        List<Candle> candles = fetch(new KisDailyPaging(120, sunday, 140), new KisStub(calendar));

        assertThat(dates(candles)).isEqualTo(lastTradingDays(calendar, sunday, 120));
        assertThat(dates(candles)).last().isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void aShortHistoryStopsOnTheEmptyPage() {
        List<LocalDate> calendar = tradingDays(LocalDate.of(2026, 9, 1)); // listed in September
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 140);

        List<Candle> candles = fetch(paging, new KisStub(calendar));

        assertThat(paging.pages()).isEqualTo(2);
        assertThat(dates(candles)).isEqualTo(calendar.stream().filter(d -> !d.isAfter(TODAY)).toList());
    }

    @Test
    void anUpstreamIgnoringTheWindowIsCutOffByTheSafetyCap() {
        List<Candle> sameEveryTime = TODAY.minusDays(99).datesUntil(TODAY.plusDays(1)).map(d -> bar(d, 100)).toList();
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 140);

        List<Candle> candles = fetch(paging, p -> sameEveryTime);

        assertThat(paging.pages()).isEqualTo(KisDailyPaging.MIN_MAX_PAGES);
        assertThat(candles).hasSize(100);
        assertThat(paging.windowEnd()).isBefore(TODAY.minusDays(99));
    }

    // ---- merging and the cursor -------------------------------------------------------------------------------

    @Test
    void overlappingPagesDedupeAndKeepTheFirstValue() {
        KisDailyPaging paging = new KisDailyPaging(100, TODAY, 140);
        paging.add(LocalDate.of(2026, 11, 16).datesUntil(LocalDate.of(2026, 11, 21)).map(d -> bar(d, 100)).toList());
        paging.add(LocalDate.of(2026, 11, 12).datesUntil(LocalDate.of(2026, 11, 19)).map(d -> bar(d, 200)).toList());

        List<Candle> candles = paging.candles();

        assertThat(dates(candles)).isEqualTo(
                LocalDate.of(2026, 11, 12).datesUntil(LocalDate.of(2026, 11, 21)).toList());
        assertThat(candles).extracting(Candle::close)
                .containsExactly(200.0, 200.0, 200.0, 200.0, 100.0, 100.0, 100.0, 100.0, 100.0);
        assertThat(paging.pages()).isEqualTo(2);
    }

    @Test
    void firstWindowEndsToday() {
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 140);

        assertThat(paging.windowEnd()).isEqualTo(TODAY);
        assertThat(paging.windowStart()).isEqualTo(LocalDate.of(2026, 7, 9));
        assertThat(paging.start()).isEqualTo("20260709");
        assertThat(paging.end()).isEqualTo("20261125");
        assertThat(paging.done()).isFalse();
        assertThat(paging.pages()).isZero();
    }

    @Test
    void defaultWindowIs140Days() {
        assertThat(new KisDailyPaging(200, TODAY).windowStart()).isEqualTo(TODAY.minusDays(139));
    }

    @Test
    void cursorMovesToTheDayBeforeTheOldestBarReceived() {
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 140);
        // Unordered on purpose: the oldest bar decides, not the last one.
        paging.add(List.of(bar(LocalDate.of(2026, 11, 2), 1), bar(LocalDate.of(2026, 10, 1), 1),
                bar(LocalDate.of(2026, 11, 25), 1)));

        assertThat(paging.windowEnd()).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(paging.end()).isEqualTo("20260930");
        assertThat(paging.windowStart()).isEqualTo(LocalDate.of(2026, 9, 30).minusDays(139));
        assertThat(paging.start()).isEqualTo("20260514");
        assertThat(paging.done()).isFalse();
    }

    @Test
    void anEmptyPageStops() {
        KisDailyPaging paging = new KisDailyPaging(200, TODAY, 140);
        paging.add(List.of(bar(TODAY, 1)));

        paging.add(List.of());

        assertThat(paging.done()).isTrue();
        assertThat(paging.pages()).isEqualTo(2);
        assertThat(paging.candles()).hasSize(1);
        assertThatThrownBy(() -> paging.add(List.of(bar(TODAY.minusDays(300), 1))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void enoughBarsStopAndOnlyTheNewestAreReturned() {
        KisDailyPaging paging = new KisDailyPaging(3, TODAY, 140);

        paging.add(TODAY.minusDays(4).datesUntil(TODAY.plusDays(1)).map(d -> bar(d, d.getDayOfMonth())).toList());

        assertThat(paging.done()).isTrue();
        assertThat(dates(paging.candles())).containsExactly(TODAY.minusDays(2), TODAY.minusDays(1), TODAY);
    }

    @Test
    void nonsenseArgumentsAreRejected() {
        assertThatThrownBy(() -> new KisDailyPaging(0, TODAY, 140)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KisDailyPaging(200, TODAY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KisDailyPaging(200, null, 140)).isInstanceOf(IllegalArgumentException.class);
    }
}
