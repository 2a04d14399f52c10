package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.TradingFixtures;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paper trading end to end on embedded PostgreSQL, with WireMock playing Upbit's ticker and Telegram: a stored
 * analysis becomes limit orders that hold paper funds, the ticker fills them, the next analysis cancels what is
 * still open, a retry places nothing twice, a short balance alerts the owner, and the kill switch holds.
 * The tests build on each other's state, in order.
 */
@CamelSpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-paper-trading",
        "analysis.schedule.enabled=false",
        "upbit.markets=KRW-BTC,이더리움",
        "telegram.token=" + TelegramStub.TOKEN,
        "telegram.chat-id=555",
        "error-reporting.chat-id=777",
        "telegram.per-chat-interval-ms=10",
        "trading.notify.cancel=silent",
        "trading.paper.initial-krw=1000000",
        "admin.password=" + PaperTradingIT.PASSWORD
})
class PaperTradingIT {

    static final String PASSWORD = "Pw-for-the-paper-test-31";
    static final String[] OWNER = Http.basic("admin", PASSWORD);
    static final WireMockServer upbit = TestServers.upbit();
    static final WireMockServer telegram = TestServers.telegram();
    static final BigDecimal FEE = new BigDecimal("0.0005");
    static final BigDecimal START = new BigDecimal("1000000");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
        registry.add("trading.paper.settle-interval", () -> "300");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    MeterRegistry meters;

    Http http() {
        return new Http(port);
    }

    @BeforeAll
    static void world(@Autowired JdbcTemplate jdbc) {
        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        price(100_000_000);
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        TradingFixtures.reset(jdbc);
    }

    @org.junit.jupiter.api.AfterAll
    static void leaveNoOpenOrders(@Autowired JdbcTemplate jdbc) {
        TradingFixtures.reset(jdbc);
    }

    static void price(double price) {
        UpstreamStubs.coin(upbit, "KRW-BTC", price);
    }

    void trade(long analysisId) {
        producer.sendBodyAndHeader("direct:trade-after-analysis", null, "analysisId", analysisId);
    }

    List<Map<String, Object>> orders(String state) {
        return jdbc.queryForList("SELECT * FROM orders WHERE state = ? ORDER BY price DESC", state);
    }

    Map<String, Object> balance(String currency) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM paper_balances WHERE currency = ?", currency);
        return rows.isEmpty() ? Map.of("balance", BigDecimal.ZERO, "locked", BigDecimal.ZERO) : rows.get(0);
    }

    static BigDecimal num(Object v) {
        return (BigDecimal) v;
    }

    double count(String counter, String... tags) {
        return meters.get(counter).tags(tags).counter().count();
    }

    List<JsonNode> messagesTo(String chat) {
        return TelegramStub.messages(telegram).stream().filter(m -> m.path("chat_id").asText().equals(chat)).toList();
    }

    @Test
    @Order(1)
    void aBuyAnalysisBecomesFourLegsThatHoldPaperFundsAndTellTheOwner() {
        long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{95_000_000, 98_000_000},
                new double[]{90_000_000, 93_000_000}, 100_000_000);

        trade(id);

        List<Map<String, Object>> open = orders("wait");
        assertThat(open).extracting(o -> num(o.get("price")).stripTrailingZeros().toPlainString())
                .containsExactly("98000000", "95000000", "93000000", "90000000");
        assertThat(open).allSatisfy(o -> {
            assertThat(o.get("mode")).isEqualTo("paper");
            assertThat(o.get("side")).isEqualTo("bid");
            assertThat((String) o.get("identifier")).startsWith("autotrader-" + id + "-bid-");
            // 10,000 KRW a leg with the fee inside it
            BigDecimal held = num(o.get("price")).multiply(num(o.get("volume"))).multiply(BigDecimal.ONE.add(FEE));
            assertThat(held).isLessThanOrEqualTo(new BigDecimal("10000")).isGreaterThan(new BigDecimal("9990"));
            assertThat(num(o.get("reserved"))).isEqualByComparingTo(held.setScale(8, RoundingMode.CEILING));
        });
        BigDecimal reserved = open.stream().map(o -> num(o.get("reserved"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(num(balance("KRW").get("locked"))).isEqualByComparingTo(reserved);
        assertThat(num(balance("KRW").get("balance"))).isEqualByComparingTo(START.subtract(reserved));

        assertThat(Await.until(Duration.ofSeconds(5), () -> !messagesTo("555").isEmpty())).isTrue();
        JsonNode notice = messagesTo("555").get(0);
        assertThat(notice.path("text").asText()).startsWith("💰 <b>매수 주문 체결</b>")
                .contains("비트코인 (BTC)", "주문 수: 4건", "모의투자", "98,000,000원");
        assertThat(notice.path("disable_notification").asBoolean(false)).isFalse();
    }

    @Test
    @Order(2)
    void theRestApiListsOrdersAndHoldingsOnlyToTheOwner() {
        assertThat(http().get("/api/orders").status()).isEqualTo(401);
        assertThat(http().get("/api/holdings").status()).isEqualTo(401);

        Http.Response orders = http().get("/api/orders?market=KRW-BTC&side=bid&state=wait", OWNER);
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.json().path("total").asInt()).isEqualTo(4);
        JsonNode first = orders.json().path("items").get(0);
        for (String field : List.of("market", "side", "price", "volume", "state", "identifier", "created_at")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(http().get("/api/orders?side=sideways", OWNER).status()).isEqualTo(400);

        JsonNode holdings = http().get("/api/holdings", OWNER).json();
        assertThat(holdings.path("mode").asText()).isEqualTo("paper");
        assertThat(holdings.path("items").get(0).path("currency").asText()).isEqualTo("KRW");
        assertThat(holdings.path("items").get(0).path("locked").decimalValue()).isGreaterThan(new BigDecimal("39900"));

        JsonNode status = http().get("/api/trading/status", OWNER).json();
        assertThat(status.path("mode").asText()).isEqualTo("paper");
        assertThat(status.path("paused").asBoolean()).isFalse();
        assertThat(status.path("can_trade").asBoolean()).isTrue();
        assertThat(status.path("today").path("bought_krw").decimalValue()).isGreaterThan(new BigDecimal("39900"));
    }

    @Test
    @Order(3)
    void theTickerFillsTheLegsItCrossesAndTheCoinIsBoughtAtTheirAverage() {
        price(94_000_000);

        assertThat(Await.until(Duration.ofSeconds(10), () -> orders("done").size() == 2)).isTrue();

        List<Map<String, Object>> done = orders("done");
        assertThat(done).extracting(o -> num(o.get("price")).stripTrailingZeros().toPlainString())
                .containsExactly("98000000", "95000000");
        BigDecimal volume = done.stream().map(o -> num(o.get("volume"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal value = done.stream().map(o -> num(o.get("price")).multiply(num(o.get("volume"))))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Object> btc = balance("BTC");
        assertThat(num(btc.get("balance"))).isEqualByComparingTo(volume);
        assertThat(num(btc.get("avg_buy_price"))).isEqualByComparingTo(value.divide(volume, 8, RoundingMode.HALF_UP));
        // KRW: what is still held by the two open legs, and the rest minus exactly what the fills cost
        BigDecimal stillHeld = orders("wait").stream().map(o -> num(o.get("reserved"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Object> krw = balance("KRW");
        assertThat(num(krw.get("locked"))).isEqualByComparingTo(stillHeld);
        assertThat(num(krw.get("balance")).add(num(krw.get("locked"))))
                .isEqualByComparingTo(START.subtract(value.multiply(BigDecimal.ONE.add(FEE))));
    }

    @Test
    @Order(4)
    void theSameAnalysisTradedAgainPlacesNothingAndCancelsNothing() {
        long first = jdbc.queryForObject("SELECT MIN(analysis_id) FROM orders", Long.class);
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);

        trade(first);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isEqualTo(before);
        assertThat(orders("wait")).hasSize(2);
        assertThat(orders("cancel")).isEmpty();
    }

    @Test
    @Order(5)
    void aNewAnalysisCancelsTheAppsOpenOrdersFirstAndSaysSoSilently() {
        telegram.resetRequests();
        // the coin is held at ~96.5M: buys must stay under 99 % of that, and under the price of 94M
        long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{91_000_000, 92_000_000},
                new double[]{88_000_000, 96_000_000}, 94_000_000);

        trade(id);

        assertThat(orders("cancel")).extracting(o -> num(o.get("price")).stripTrailingZeros().toPlainString())
                .containsExactly("93000000", "90000000");
        assertThat(orders("wait")).extracting(o -> num(o.get("price")).stripTrailingZeros().toPlainString())
                .containsExactly("92000000", "91000000", "88000000");
        BigDecimal held = orders("wait").stream().map(o -> num(o.get("reserved"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(num(balance("KRW").get("locked"))).isEqualByComparingTo(held);

        assertThat(Await.until(Duration.ofSeconds(5), () -> messagesTo("555").size() >= 2)).isTrue();
        JsonNode cancel = messagesTo("555").stream().filter(m -> m.path("text").asText().startsWith("🚫")).findFirst().orElseThrow();
        assertThat(cancel.path("text").asText()).contains("취소 수: 2건");
        assertThat(cancel.path("disable_notification").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void aSellAnalysisSellsTheWholeSmallHoldingAtTheLowestPriceAboveTheAverage() {
        BigDecimal coins = num(balance("BTC").get("balance"));
        long id = TradingFixtures.sell(jdbc, "KRW-BTC", new double[]{100_000_000, 105_000_000},
                new double[]{110_000_000, 120_000_000}, 94_000_000);

        trade(id);

        List<Map<String, Object>> asks = jdbc.queryForList("SELECT * FROM orders WHERE side = 'ask' AND state = 'wait'");
        // ~0.0002 BTC: four legs would each be worth under 10,000 KRW, so one leg sells it all
        assertThat(asks).hasSize(1);
        assertThat(num(asks.get(0).get("price"))).isEqualByComparingTo("100000000");
        assertThat(num(asks.get(0).get("volume"))).isEqualByComparingTo(coins);
        assertThat(num(balance("BTC").get("locked"))).isEqualByComparingTo(coins);
        assertThat(num(balance("BTC").get("balance"))).isZero();
        assertThat(orders("wait")).hasSize(1);
    }

    @Test
    @Order(7)
    void aShortBalanceAlertsTheOwnerWithWhatItHasAndWhatTheWholePlanNeeds() {
        telegram.resetRequests();
        jdbc.update("UPDATE paper_balances SET balance = 5000 WHERE currency = 'KRW'");
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
        long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{80_000_000, 81_000_000},
                new double[]{85_000_000, 86_000_000}, 94_000_000);

        trade(id);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isEqualTo(before);
        assertThat(Await.until(Duration.ofSeconds(5), () -> !messagesTo("777").isEmpty())).isTrue();
        String alert = messagesTo("777").get(0).path("text").asText();
        // four legs of 10,000 KRW (fee inside): the sum, not one leg, must be covered
        assertThat(alert).startsWith("❌ <b>매수 주문 실패</b>").contains("코인: 비트코인 (KRW-BTC)",
                "이유: InsufficientFunds", "잔액: 5,000원 / 필요: ");
        String needed = alert.replaceAll("(?s).*필요: ([0-9,]+)원.*", "$1").replace(",", "");
        jdbc.update("UPDATE paper_balances SET balance = 1000000 WHERE currency = 'KRW'");
        assertThat(Integer.parseInt(needed)).isBetween(39_990, 40_000);
        // 4 + 3 buys and 1 sell placed, 2 + 3 bids cancelled so far; this refusal counted by its reason
        assertThat(count("trading.orders", "side", "bid", "status", "placed")).isEqualTo(7);
        assertThat(count("trading.orders", "side", "ask", "status", "placed")).isEqualTo(1);
        assertThat(count("trading.orders", "side", "bid", "status", "cancelled")).isEqualTo(5);
        assertThat(count("trading.refusals", "reason", "InsufficientFunds")).isEqualTo(1);
    }

    @Test
    @Order(8)
    void theKillSwitchHoldsUnderConcurrentTriggersSurvivesARestartAndOnlyTheOwnerFlipsIt() throws Exception {
        assertThat(http().post("/api/trading/pause").status()).isEqualTo(401);
        Http.Response paused = http().post("/api/trading/pause", OWNER);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{70_000_000 + i * 100_000, 75_000_000},
                    new double[]{60_000_000, 65_000_000}, 94_000_000);
            runs.add(pool.submit(() -> trade(id)));
        }
        for (Future<?> run : runs) {
            run.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isEqualTo(before);

        // another instance (or this one after a restart) reads the same switch
        try (ConfigurableApplicationContext second = TestApp.start("it-paper-second", Map.of(
                "admin.password", PASSWORD, "upbit.markets", "KRW-BTC"))) {
            Http other = new Http(((WebServerApplicationContext) second).getWebServer().getPort());
            assertThat(other.get("/api/trading/status", OWNER).json().path("paused").asBoolean()).isTrue();
            long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{70_000_000, 75_000_000},
                    new double[]{60_000_000, 65_000_000}, 94_000_000);
            second.getBean(ProducerTemplate.class).sendBodyAndHeader("direct:trade-after-analysis", null, "analysisId", id);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isEqualTo(before);
        }

        Http.Response resumed = http().post("/api/trading/resume", OWNER);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().path("paused").asBoolean()).isFalse();
        long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{70_000_000, 75_000_000},
                new double[]{60_000_000, 65_000_000}, 94_000_000);
        trade(id);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE analysis_id = ?", Integer.class, id)).isEqualTo(4);
    }

    @Test
    @Order(9)
    void aMarketOutsideTheWatchlistIsNeverTraded() {
        UpstreamStubs.coin(upbit, "KRW-XRP", 1000);
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
        long id = TradingFixtures.buy(jdbc, "KRW-XRP", new double[]{900, 950}, new double[]{800, 850}, 1000);

        trade(id);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isEqualTo(before);
        // KRW-ETH is watched through its Korean name (이더리움) and trades
        UpstreamStubs.coin(upbit, "KRW-ETH", 5_000_000);
        long eth = TradingFixtures.analysis(jdbc, "KRW-ETH", "이더리움", "buy", new double[]{4_800_000, 4_900_000},
                new double[]{5_500_000, 5_600_000}, new double[]{4_500_000, 4_600_000}, new double[]{6_000_000, 6_100_000},
                5_000_000);
        trade(eth);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE market = 'KRW-ETH'", Integer.class)).isEqualTo(4);
    }

    @Test
    @Order(10)
    void onceShutdownBeginsNoOrderStarts(@Autowired com.autotrader.trading.TradingGate gate) {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
        long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{70_000_000, 71_000_000},
                new double[]{60_000_000, 61_000_000}, 94_000_000);
        gate.stop();   // what Spring does first when the app is asked to stop
        try {
            trade(id);
        } finally {
            gate.start();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isEqualTo(before);
        assertThat(count("trading.refusals", "reason", "ShuttingDown")).isEqualTo(1);
    }
}
