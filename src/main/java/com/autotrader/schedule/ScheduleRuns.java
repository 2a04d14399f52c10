package com.autotrader.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts one scheduled run's outcomes, so its last log line says how many symbols succeeded and failed. */
@Component
public class ScheduleRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRuns.class);

    public Run start(String market, String watchlist) {
        List<String> symbols = List.copyOf(new LinkedHashSet<>(Arrays.stream(watchlist.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT)).toList()));
        return new Run(market, symbols);
    }

    public void succeeded(Run run) {
        run.ok.incrementAndGet();
    }

    public void failed(Run run, String symbol, Exception failure) {
        run.failed.incrementAndGet();
        Throwable cause = com.autotrader.alerting.AlertFactory.unwrap(failure);
        LOG.warn("Scheduled {} analysis of {} failed: {}", run.market, symbol, cause.getMessage());
    }

    /** Shared by reference across the split's copies of the exchange, hence the atomic counters. */
    public static final class Run {
        private final String market;
        private final List<String> symbols;
        private final AtomicInteger ok = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        Run(String market, List<String> symbols) {
            this.market = market;
            this.symbols = symbols;
        }

        public List<String> getSymbols() {
            return symbols;
        }

        public int getTotal() {
            return symbols.size();
        }

        public int getSucceeded() {
            return ok.get();
        }

        public int getFailed() {
            return failed.get();
        }

        public String getSummary() {
            return ok.get() + " succeeded, " + failed.get() + " failed of " + symbols.size();
        }
    }
}
