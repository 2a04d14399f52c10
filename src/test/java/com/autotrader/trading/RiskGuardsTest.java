package com.autotrader.trading;

import com.autotrader.market.CoinDirectory;
import com.autotrader.market.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RiskGuardsTest {

    private static final MarketRules RULES = new MarketRules(new BigDecimal("0.0005"), new BigDecimal("0.0005"),
            new BigDecimal("5000"));

    private static TradingSettings settings(String mode, String watchlist) {
        return new TradingSettings(mode, true, new BigDecimal("50000"), new BigDecimal("300000"), watchlist);
    }

    private static UpbitSigner signer(String access, String secret) {
        return new UpbitSigner(access, secret, "HS512");
    }

    private static CoinDirectory loadedCoins() {
        CoinDirectory coins = new CoinDirectory("KRW", Duration.ofHours(6));
        coins.load(List.of(
                Instrument.upbit("KRW-BTC", "비트코인"),
                Instrument.upbit("KRW-ETH", "이더리움"),
                Instrument.upbit("KRW-XRP", "엑스알피(리플)"),
                Instrument.upbit("BTC-ETH", "이더리움"),
                Instrument.upbit("KRW-DOGE", "도지코인")));
        return coins;
    }

    private static RiskGuards guards(String mode, String watchlist, UpbitSigner signer) {
        return new RiskGuards(settings(mode, watchlist), signer, loadedCoins(), openGate());
    }

    private static RiskGuards paper() {
        return guards("paper", "KRW-BTC,이더리움,리플", signer("", ""));
    }

    private static PlannedOrder leg(Side side, int n, String price, String volume) {
        return new PlannedOrder("KRW-BTC", side, n, new BigDecimal(price), new BigDecimal(volume),
                PlannedOrder.identifierFor(7, side, n));
    }

    private static OrderPlan plan(Side side, PlannedOrder... legs) {
        return new OrderPlan(7, "KRW-BTC", side, List.of(legs), "test");
    }

    private static Holding krw(String balance) {
        return new Holding("KRW", new BigDecimal(balance), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static Holding btc(String balance) {
        return new Holding("BTC", new BigDecimal(balance), new BigDecimal("0.5"), new BigDecimal("90000000"));
    }

    // ---- mode

    @Test
    void liveWithoutKeysIsRefusedNamingBothMissingKeys() {
        RiskGuards guards = guards("live", "KRW-BTC", signer("", " "));

        TradingException e = catchThrowableOfType(guards::checkMode, TradingException.class);

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("LiveTradingUnavailable");
        assertThat(e.getMessage()).contains("UPBIT_ACCESS_KEY").contains("UPBIT_SECRET_KEY");
    }

    @Test
    void liveWithOnlyTheAccessKeyNamesTheSecretKey() {
        RiskGuards guards = guards("live", "KRW-BTC", signer("access-1234", null));

        TradingException e = catchThrowableOfType(guards::checkMode, TradingException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("UPBIT_SECRET_KEY").doesNotContain("UPBIT_ACCESS_KEY")
                .doesNotContain("access-1234");
    }

    @Test
    void liveWithBothKeysPasses() {
        assertThatCode(guards("live", "KRW-BTC", signer("access", "secret"))::checkMode).doesNotThrowAnyException();
    }

    @Test
    void paperNeedsNoKeys() {
        assertThatCode(paper()::checkMode).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Paper", " LIVE ", "paper"})
    void modeIsReadWithoutCaseOrSpaces(String mode) {
        TradingSettings s = settings(mode, "KRW-BTC");

        assertThat(s.mode()).isIn("paper", "live");
        assertThat(s.isLive()).isEqualTo(mode.strip().equalsIgnoreCase("live"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "real", "paperlive"})
    void anyOtherModeIsRefusedAtStart(String mode) {
        assertThatThrownBy(() -> settings(mode, "KRW-BTC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRADING_MODE must be paper or live");
    }

    @Test
    void aMissingModeIsRefusedAtStart() {
        assertThatThrownBy(() -> settings(null, "KRW-BTC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capsMustBePositive() {
        assertThatThrownBy(() -> new TradingSettings("paper", true, BigDecimal.ZERO, BigDecimal.TEN, "KRW-BTC"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TradingSettings("paper", true, BigDecimal.TEN, new BigDecimal("-1"), "KRW-BTC"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWatchlistIsSplitAndTrimmed() {
        assertThat(settings("paper", " KRW-BTC , 이더리움,,리플 ").watchlist())
                .containsExactly("KRW-BTC", "이더리움", "리플");
    }

    // ---- market

    @ParameterizedTest
    @ValueSource(strings = {"KRW-BTC", "KRW-ETH", "KRW-XRP"})
    void aMarketListedDirectlyOrByNameIsAccepted(String market) {
        assertThatCode(() -> paper().checkMarket(market)).doesNotThrowAnyException();
    }

    @Test
    void aMarketListedBySymbolIsAccepted() {
        assertThatCode(() -> guards("paper", "doge", signer("", "")).checkMarket("KRW-DOGE"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"KRW-DOGE", "BTC-ETH", "KRW-SOL"})
    void aMarketNotInTheWatchlistIsRefused(String market) {
        TradingException e = catchThrowableOfType(() -> paper().checkMarket(market), TradingException.class);

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("NotInWatchlist");
        assertThat(e.getMessage()).contains(market);
    }

    @Test
    void namesCannotBeMatchedWhileTheMarketListIsNotLoaded() {
        RiskGuards guards = new RiskGuards(settings("paper", "KRW-BTC,이더리움"), signer("", ""),
                new CoinDirectory("KRW", Duration.ofHours(6)), openGate());

        assertThatCode(() -> guards.checkMarket("KRW-BTC")).doesNotThrowAnyException();
        TradingException e = catchThrowableOfType(() -> guards.checkMarket("KRW-ETH"), TradingException.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("NotInWatchlist");
    }

    // ---- plan

    @Test
    void legsBetweenTheMinimumAndTheCapPass() {
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "100000000", "0.00005"), leg(Side.BID, 2, "99000000", "0.0005"));

        assertThatCode(() -> paper().checkPlan(buy, RULES)).doesNotThrowAnyException();
    }

    @Test
    void aLegUnderTheMinimumTotalIsRefused() {
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "100000000", "0.0001"), leg(Side.BID, 2, "99000000", "0.00005"));

        TradingException e = catchThrowableOfType(() -> paper().checkPlan(buy, RULES), TradingException.class);

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("BelowMinimumOrder");
        assertThat(e.side()).isEqualTo(Side.BID);
        assertThat(e.getMessage()).contains("leg 2").contains("4,950원").contains("5,000원");
    }

    @Test
    void aSellLegUnderTheMinimumTotalIsRefusedToo() {
        OrderPlan sell = plan(Side.ASK, leg(Side.ASK, 1, "100000000", "0.00004"));

        TradingException e = catchThrowableOfType(() -> paper().checkPlan(sell, RULES), TradingException.class);

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("BelowMinimumOrder");
        assertThat(e.side()).isEqualTo(Side.ASK);
    }

    @Test
    void aBuyLegOverThePerOrderCapIsRefused() {
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "100000000", "0.0001"), leg(Side.BID, 2, "100000000", "0.00051"));

        TradingException e = catchThrowableOfType(() -> paper().checkPlan(buy, RULES), TradingException.class);

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("OrderCapExceeded");
        assertThat(e.getMessage()).contains("leg 2").contains("51,000원").contains("50,000원");
    }

    @Test
    void aBuyLegExactlyAtTheCapPasses() {
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "100000000", "0.0005"));

        assertThatCode(() -> paper().checkPlan(buy, RULES)).doesNotThrowAnyException();
    }

    @Test
    void aSellLegOverTheCapIsAccepted() {
        OrderPlan sell = plan(Side.ASK, leg(Side.ASK, 1, "100000000", "0.01"));

        assertThatCode(() -> paper().checkPlan(sell, RULES)).doesNotThrowAnyException();
    }

    // ---- funds

    @Test
    void aBalanceThatCoversOneLegButNotAllIsRefused() {
        // two legs of 40,000 won each: with the 0.05% fee they hold 80,040 won
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "100000000", "0.0004"), leg(Side.BID, 2, "80000000", "0.0005"));

        InsufficientFundsException e = catchThrowableOfType(
                () -> paper().checkFunds(buy, krw("50000"), btc("0"), RULES), InsufficientFundsException.class);

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("InsufficientFunds");
        assertThat(e.side()).isEqualTo(Side.BID);
        assertThat(e.currency()).isEqualTo("KRW");
        assertThat(e.available()).isEqualByComparingTo("50000");
        assertThat(e.required()).isEqualByComparingTo("80040");
        assertThat(e.getMessage()).isEqualTo("잔고 부족: 보유 50,000원, 필요 80,040원");
    }

    @Test
    void theFeeIsPartOfWhatABuyNeeds() {
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "100000000", "0.0004"), leg(Side.BID, 2, "80000000", "0.0005"));

        InsufficientFundsException e = catchThrowableOfType(
                () -> paper().checkFunds(buy, krw("80039"), btc("0"), RULES), InsufficientFundsException.class);
        assertThat(e).isNotNull();

        assertThatCode(() -> paper().checkFunds(buy, krw("80040"), btc("0"), RULES)).doesNotThrowAnyException();
    }

    @Test
    void theRequiredAmountIsRoundedUpToTheWon() {
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "1001", "7"));

        // 1001 × 7 × 1.0005 = 7010.5035 → 7011
        assertThat(RiskGuards.required(buy, RULES.bidFee())).isEqualByComparingTo("7011");
    }

    @Test
    void aSellNeedsTheCoinVolumeOfAllLegs() {
        OrderPlan sell = plan(Side.ASK, leg(Side.ASK, 1, "100000000", "0.001"), leg(Side.ASK, 2, "110000000", "0.002"));

        InsufficientFundsException e = catchThrowableOfType(
                () -> paper().checkFunds(sell, krw("0"), btc("0.0025"), RULES), InsufficientFundsException.class);

        assertThat(e).isNotNull();
        assertThat(e.side()).isEqualTo(Side.ASK);
        assertThat(e.currency()).isEqualTo("BTC");
        assertThat(e.available()).isEqualByComparingTo("0.0025");
        assertThat(e.required()).isEqualByComparingTo("0.003");
        assertThat(e.getMessage()).isEqualTo("잔고 부족: 보유 0.0025 BTC, 필요 0.003 BTC");

        assertThatCode(() -> paper().checkFunds(sell, krw("0"), btc("0.003"), RULES)).doesNotThrowAnyException();
    }

    @Test
    void aSellDoesNotNeedKrwAndABuyDoesNotNeedTheCoin() {
        OrderPlan sell = plan(Side.ASK, leg(Side.ASK, 1, "100000000", "0.001"));
        OrderPlan buy = plan(Side.BID, leg(Side.BID, 1, "100000000", "0.0001"));

        assertThatCode(() -> paper().checkFunds(sell, krw("0"), btc("0.001"), RULES)).doesNotThrowAnyException();
        assertThatCode(() -> paper().checkFunds(buy, krw("10005"), btc("0"), RULES)).doesNotThrowAnyException();
    }

    static TradingGate openGate() {
        TradingGate gate = new TradingGate();
        gate.start();
        return gate;
    }

    @org.junit.jupiter.api.Test
    void noOrderStartsOnceShutdownHasBegun() {
        TradingGate gate = openGate();
        RiskGuards guards = new RiskGuards(settings("paper", "KRW-BTC"), signer("", ""), loadedCoins(), gate);
        guards.checkOpen();
        gate.stop();
        org.assertj.core.api.Assertions.assertThatThrownBy(guards::checkOpen).isInstanceOf(TradingException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((TradingException) e).reason())
                        .isEqualTo("ShuttingDown"));
    }
}
