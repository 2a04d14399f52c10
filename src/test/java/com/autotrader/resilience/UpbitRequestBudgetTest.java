package com.autotrader.resilience;

import com.autotrader.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UpbitRequestBudgetTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00.300Z"));
    final UpbitRequestBudget budget = new UpbitRequestBudget(clock);

    @Test
    void aGroupWithNoCallsLeftThisSecondWaitsForTheNextOne() {
        budget.observe("group=candles; min=1800; sec=0");

        assertThat(budget.waitMillis("candles")).isEqualTo(700);
        assertThat(budget.waitMillis("ticker")).isZero();
        clock.advance(Duration.ofMillis(700));
        assertThat(budget.waitMillis("candles")).isZero();
    }

    @Test
    void callsLeftOrNoHeaderMeanGo() {
        budget.observe("group=candles; min=1800; sec=9");
        budget.observe(null);
        budget.observe("garbage");

        assertThat(budget.waitMillis("candles")).isZero();
    }
}
