package com.autotrader.trading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KrwTicksTest {

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private static boolean onTick(BigDecimal price, BigDecimal tick) {
        return price.remainder(tick).signum() == 0;
    }

    @ParameterizedTest(name = "tick({0}) = {1}")
    @CsvSource({
            "3000000, 1000", "2000000, 1000", "1999999, 500",
            "1000000, 500", "999999, 100",
            "500000, 100", "499999, 50",
            "100000, 50", "99999, 10",
            "10000, 10", "9999, 5",
            "1000, 5", "999, 1",
            "100, 1", "99.9, 0.1",
            "50, 0.1", "10, 0.1", "9.99, 0.01",
            "5, 0.01", "1, 0.01", "0.999, 0.001",
            "0.5, 0.001", "0.1, 0.001", "0.0999, 0.0001"})
    void tickFollowsThePriceBand(String price, String tick) {
        assertThat(KrwTicks.tick(dec(price))).isEqualByComparingTo(tick);
    }

    @ParameterizedTest(name = "{0} is already valid")
    @ValueSource(strings = {"2000000", "2001000", "1000000", "1500500", "500000", "500100", "100000", "100050",
            "10000", "10010", "1000", "1005", "100", "101", "50.1", "10", "5.01", "1", "0.501"})
    void aPriceOnItsTickIsUnchanged(String price) {
        assertThat(KrwTicks.floor(dec(price))).isEqualByComparingTo(price);
        assertThat(KrwTicks.ceil(dec(price))).isEqualByComparingTo(price);
    }

    @ParameterizedTest(name = "floor({0}) = {1}, ceil({0}) = {2}")
    @CsvSource({
            "2000999, 2000000, 2001000",
            "1999999, 1999500, 2000000",
            "1000499, 1000000, 1000500",
            "500099, 500000, 500100",
            "100049, 100000, 100050",
            "10009, 10000, 10010",
            "1004, 1000, 1005",
            "100.5, 100, 101",
            "50.05, 50, 50.1",
            "5.005, 5, 5.01",
            "0.5005, 0.5, 0.501"})
    void offTickPricesRoundDownAndUpWithinTheirBand(String price, String floor, String ceil) {
        assertThat(KrwTicks.floor(dec(price))).isEqualByComparingTo(floor);
        assertThat(KrwTicks.ceil(dec(price))).isEqualByComparingTo(ceil);
    }

    @ParameterizedTest(name = "ceil({0}) = {1}")
    @CsvSource({"999990, 1000000", "999951, 1000000", "1999501, 2000000", "499999, 500000",
            "99995, 100000", "9999, 10000", "999.5, 1000", "99.95, 100", "9.999, 10", "0.9999, 1"})
    void aCeilThatCrossesABandEdgeIsValidInTheNewBand(String price, String expected) {
        BigDecimal up = KrwTicks.ceil(dec(price));

        assertThat(up).isEqualByComparingTo(expected);
        assertThat(KrwTicks.tick(up)).isGreaterThan(KrwTicks.tick(dec(price)));
        assertThat(onTick(up, KrwTicks.tick(up))).as("%s on a tick of its new band", up).isTrue();
    }

    @Test
    void floorAndCeilBracketEveryPriceByOneTick() {
        Random random = new Random(20261126L);
        long[] magnitudes = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};
        for (int i = 0; i < 20_000; i++) {
            // prices of every band, with up to 4 decimals, often right at or next to a band edge
            long magnitude = magnitudes[random.nextInt(magnitudes.length)];
            BigDecimal p = switch (random.nextInt(4)) {
                case 0 -> BigDecimal.valueOf(magnitude).subtract(BigDecimal.valueOf(random.nextInt(100), 2));
                case 1 -> BigDecimal.valueOf(magnitude).add(BigDecimal.valueOf(random.nextInt(100), 2));
                default -> BigDecimal.valueOf(random.nextLong(magnitude * 10_000L), 4);
            };
            if (p.compareTo(dec("0.01")) < 0) {
                continue;
            }
            BigDecimal tick = KrwTicks.tick(p);
            BigDecimal floor = KrwTicks.floor(p);
            BigDecimal ceil = KrwTicks.ceil(p);

            assertThat(floor).as("floor(%s)", p).isLessThanOrEqualTo(p);
            assertThat(ceil).as("ceil(%s)", p).isGreaterThanOrEqualTo(p);
            assertThat(onTick(floor, KrwTicks.tick(floor))).as("floor(%s) = %s on a tick", p, floor).isTrue();
            assertThat(onTick(ceil, KrwTicks.tick(ceil))).as("ceil(%s) = %s on a tick", p, ceil).isTrue();
            assertThat(KrwTicks.tick(floor)).as("floor(%s) stays in its band", p).isEqualByComparingTo(tick);
            if (onTick(p, tick)) {
                assertThat(floor).as("floor(%s)", p).isEqualByComparingTo(p);
                assertThat(ceil).as("ceil(%s)", p).isEqualByComparingTo(p);
            } else {
                // the nearest valid prices below and above: exactly one tick of p's band apart
                assertThat(ceil.subtract(floor)).as("ceil − floor of %s", p).isEqualByComparingTo(tick);
            }
            // nothing valid lies strictly between floor and p, or between p and ceil
            assertThat(p.subtract(floor)).as("p − floor of %s", p).isLessThan(tick);
            assertThat(ceil.subtract(p)).as("ceil − p of %s", p).isLessThan(tick);
        }
    }

    @Test
    void floorAndCeilNeverDecreaseAsThePriceRises() {
        BigDecimal lastFloor = BigDecimal.ZERO;
        BigDecimal lastCeil = BigDecimal.ZERO;
        for (long centiWon = 1; centiWon <= 250_000_000L; centiWon += 997) {
            BigDecimal p = BigDecimal.valueOf(centiWon, 2);
            BigDecimal floor = KrwTicks.floor(p);
            BigDecimal ceil = KrwTicks.ceil(p);

            assertThat(floor).as("floor(%s)", p).isGreaterThanOrEqualTo(lastFloor);
            assertThat(ceil).as("ceil(%s)", p).isGreaterThanOrEqualTo(lastCeil);
            lastFloor = floor;
            lastCeil = ceil;
        }
    }
}
