package com.autotrader.market;

import com.autotrader.support.MutableClock;
import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.autotrader.support.UpbitFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoinDirectoryTest {

    private static final Duration TTL = Duration.ofHours(6);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
    private final CoinDirectory directory = new CoinDirectory("KRW", TTL, clock);

    private static List<Instrument> upbitMarkets() {
        return new UpbitParser().markets(UpbitFixtures.marketAll());
    }

    @ParameterizedTest
    @ValueSource(strings = {"비트코인", "BTC", "btc", "KRW-BTC", "krw-btc", " BTC ", "비트 코인",
            "%EB%B9%84%ED%8A%B8%EC%BD%94%EC%9D%B8", "%eb%b9%84%ed%8a%b8%ec%bd%94%ec%9d%b8"})
    void resolvesEveryFormOfBitcoinToTheKrwMarket(String input) {
        directory.load(upbitMarkets());

        Instrument btc = directory.resolve(input);

        assertThat(btc.symbol()).isEqualTo("KRW-BTC");
        assertThat(btc.name()).isEqualTo("비트코인");
        assertThat(btc.market()).isEqualTo("upbit");
    }

    @Test
    void explicitOtherQuoteMarketStillResolvesToItself() {
        directory.load(upbitMarkets());

        assertThat(directory.resolve("USDT-BTC").symbol()).isEqualTo("USDT-BTC");
        assertThat(directory.resolve("btc-eth").symbol()).isEqualTo("BTC-ETH");
    }

    @Test
    void prefersTheKrwMarketForASharedKoreanNameWhateverTheOrder() {
        List<Instrument> krwFirst = List.of(Instrument.upbit("KRW-ETH", "이더리움"), Instrument.upbit("BTC-ETH", "이더리움"));
        List<Instrument> btcFirst = new ArrayList<>(krwFirst);
        java.util.Collections.reverse(btcFirst);

        for (List<Instrument> order : List.of(krwFirst, btcFirst)) {
            directory.load(order);
            assertThat(directory.resolve("이더리움").symbol()).as("name, order %s", order).isEqualTo("KRW-ETH");
            assertThat(directory.resolve("ETH").symbol()).as("symbol, order %s", order).isEqualTo("KRW-ETH");
        }
        // the fixture lists BTC-ETH after KRW-ETH, and the parser sorts BTC-ETH first
        directory.load(upbitMarkets());
        assertThat(directory.resolve("이더리움").symbol()).isEqualTo("KRW-ETH");
    }

    @Test
    void configuredQuoteCurrencyDecidesThePreference() {
        CoinDirectory btcQuoted = new CoinDirectory("btc", TTL, clock);
        btcQuoted.load(upbitMarkets());

        assertThat(btcQuoted.resolve("이더리움").symbol()).isEqualTo("BTC-ETH");
        assertThat(btcQuoted.resolve("KRW-ETH").symbol()).isEqualTo("KRW-ETH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"엑스알피(리플)", "엑스알피", "리플", "XRP"})
    void aNameWithABracketedAliasIsFoundByEveryPart(String input) {
        directory.load(upbitMarkets());

        assertThat(directory.resolve(input).symbol()).isEqualTo("KRW-XRP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOGE", "도지코인", "KRW-DOGE", "이더리움클래식"})
    void unknownCoinIsNotFound(String input) {
        directory.load(upbitMarkets());

        assertThatThrownBy(() -> directory.resolve(input))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(input);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"<script>", "<script>alert(1)</script>", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO",
            "../etc/passwd", "BTC;DROP TABLE", "%3Cscript%3E", "   "})
    void garbageIsABadRequest(String input) {
        directory.load(upbitMarkets());

        assertThatThrownBy(() -> directory.resolve(input)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> directory.validate(input)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void fortyCharactersAreTheLimit() {
        String forty = "A".repeat(40);

        assertThat(directory.validate(forty)).isEqualTo(forty);
        assertThatThrownBy(() -> directory.validate("A".repeat(41))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void validationNeedsNoMarketListButResolvingDoes() {
        assertThat(directory.validate(" 비트코인 ")).isEqualTo("비트코인");
        assertThatThrownBy(() -> directory.resolve("BTC")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void staleBeforeLoadFreshAfterStaleAfterTtl() {
        assertThat(directory.isStale()).isTrue();
        assertThat(directory.size()).isZero();

        directory.load(upbitMarkets());
        assertThat(directory.isStale()).isFalse();
        assertThat(directory.size()).isEqualTo(5);

        clock.advance(TTL.minusMinutes(1));
        assertThat(directory.isStale()).isFalse();

        clock.advance(Duration.ofMinutes(2));
        assertThat(directory.isStale()).isTrue();

        directory.load(upbitMarkets());
        assertThat(directory.isStale()).isFalse();
    }
}
