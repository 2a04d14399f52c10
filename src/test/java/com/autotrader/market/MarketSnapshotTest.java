package com.autotrader.market;

import com.autotrader.api.UpstreamException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketSnapshotTest {

    static final Instrument BTC = Instrument.upbit("KRW-BTC", "비트코인");
    static final List<Candle> DAILY = List.of(
            new Candle(LocalDateTime.parse("2026-11-24T09:00"), 90, 110, 80, 100, 5),
            new Candle(LocalDateTime.parse("2026-11-25T09:00"), 100, 120, 95, 110, 5));

    static Ticker at(double price) {
        return new Ticker("KRW-BTC", price, 110, 0, 1, 200, 50, Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void aQuoteWithinTenfoldOfTheLastCloseIsAMarketMove() {
        assertThat(new MarketSnapshot(BTC, DAILY, Map.of(), at(1100)).currentPrice()).isEqualTo(1100);
        assertThat(new MarketSnapshot(BTC, DAILY, Map.of(), at(11)).currentPrice()).isEqualTo(11);
    }

    @Test
    void aQuoteFurtherAwayIsABrokenFeed() {
        assertThatThrownBy(() -> new MarketSnapshot(BTC, DAILY, Map.of(), at(1101)))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("absurd next to its last close 110");
        assertThatThrownBy(() -> new MarketSnapshot(BTC, DAILY, Map.of(), at(10.9)))
                .isInstanceOf(UpstreamException.class).hasMessageStartingWith("upbit: malformed response");
    }
}
