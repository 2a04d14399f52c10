package com.autotrader.market;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Collects the newest {@code bars} domestic daily bars through date windows, because KIS returns at most
 * 100 rows a call. The cursor moves to the day before the oldest bar actually received, not to the
 * window's start, so a truncated page never leaves a gap and overlapping pages are de-duplicated.
 * One instance per fetch; not thread-safe.
 */
public class KisDailyPaging {

    /** Calendar days per window: about 100 trading days, the per-call row limit. */
    public static final int DEFAULT_WINDOW_DAYS = 140;
    /** Safety cap on calls, so a misbehaving upstream cannot keep the loop going. */
    public static final int MIN_MAX_PAGES = 10;

    private static final DateTimeFormatter KIS_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final int bars;
    private final int windowDays;
    private final int maxPages;
    private final NavigableMap<LocalDate, Candle> byDate = new TreeMap<>();
    private LocalDate windowEnd;
    private int pages;
    private boolean lastPageEmpty;

    public KisDailyPaging(int bars, LocalDate today, int windowDays) {
        if (bars < 1) {
            throw new IllegalArgumentException("bars must be at least 1: " + bars);
        }
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be at least 1: " + windowDays);
        }
        if (today == null) {
            throw new IllegalArgumentException("today is required");
        }
        this.bars = bars;
        this.windowDays = windowDays;
        this.windowEnd = today;
        // Even a window yielding only 50 bars fits in the cap; more bars than 500 raise it.
        this.maxPages = Math.max(MIN_MAX_PAGES, (bars + 49) / 50);
    }

    public KisDailyPaging(int bars, LocalDate today) {
        this(bars, today, DEFAULT_WINDOW_DAYS);
    }

    /** True once enough bars are held, a page came back empty, or the page cap is reached. */
    public boolean done() {
        return byDate.size() >= bars || lastPageEmpty || pages >= maxPages;
    }

    public LocalDate windowStart() {
        return windowEnd.minusDays(windowDays - 1L);
    }

    public LocalDate windowEnd() {
        return windowEnd;
    }

    /** {@link #windowStart()} as yyyyMMdd, for FID_INPUT_DATE_1. */
    public String start() {
        return windowStart().format(KIS_DATE);
    }

    /** {@link #windowEnd()} as yyyyMMdd, for FID_INPUT_DATE_2. */
    public String end() {
        return windowEnd.format(KIS_DATE);
    }

    /** Merges one page (any order); a date already held is kept, then the window moves older. */
    public void add(List<Candle> page) {
        if (done()) {
            throw new IllegalStateException("paging is done; no more pages expected");
        }
        pages++;
        if (page.isEmpty()) {
            lastPageEmpty = true;
            return;
        }
        LocalDate oldest = null;
        for (Candle c : page) {
            LocalDate date = c.time().toLocalDate();
            byDate.putIfAbsent(date, c);
            oldest = oldest == null || date.isBefore(oldest) ? date : oldest;
        }
        LocalDate next = oldest.minusDays(1);
        // Always move older, even if the upstream ignored the window and sent newer rows.
        windowEnd = next.isBefore(windowEnd) ? next : windowEnd.minusDays(1);
    }

    /** The newest {@code bars} candles held, oldest first. */
    public List<Candle> candles() {
        List<Candle> all = new ArrayList<>(byDate.values());
        return List.copyOf(all.subList(Math.max(0, all.size() - bars), all.size()));
    }

    public int pages() {
        return pages;
    }
}
