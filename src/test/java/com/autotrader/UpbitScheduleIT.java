package com.autotrader;

import com.autotrader.support.StockFixtures;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * schedule-upbit, schedule-yahoo and schedule-kis fire on their Quartz crons and analyse every entry of their
 * watchlists; one whose data fails is skipped and counted, the others still land in PostgreSQL.
 */
@CamelSpringBootTest
@DirtiesContext // its schedule must not keep writing into the shared database once this class is done
@SpringBootTest(properties = {
        // each test context gets its own Quartz scheduler (they are named after the Camel context)
        "camel.main.name=it-schedule",
        "analysis.schedule.enabled=true",
        "analysis.cron.upbit=0/2 * * * * ?",
        "upbit.markets=KRW-BTC, 이더리움, KRW-XRP",
        "analysis.cron.yahoo=1/2 * * * * ?",
        "yahoo.tickers=AAPL,NOPE1",
        "analysis.cron.kis=1/2 * * * * ?",
        "kis.codes=005930",
        "kis.app-key=schedule-test-app-key",
        "kis.app-secret=schedule-test-app-secret"
})
class UpbitScheduleIT {

    static final WireMockServer upbit = TestServers.upbit();
    static final WireMockServer yahoo = TestServers.yahoo();
    static final WireMockServer kis = TestServers.kis();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
        // the rule-based analyst answers: this test is about the schedule, not the model
        registry.add("gemini.api-keys", () -> "");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void everyWatchlistMarketIsAnalysedAndAFailingOneDoesNotStopTheOthers() throws Exception {
        // the context (and its schedule) may already run when this starts: clear, then stub, then watch
        UpstreamStubs.upbit(upbit);
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).withQueryParam("market", equalTo("KRW-XRP"))
                .willReturn(serverError()));
        jdbc.update("DELETE FROM stock_analysis_results");

        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && countsBySymbol().size() < 2) {
            Thread.sleep(200);
        }

        assertThat(countsBySymbol().keySet()).containsExactlyInAnyOrder("KRW-BTC", "KRW-ETH");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_analysis_results WHERE model_name <> 'rules-v1'",
                Integer.class)).isZero();
    }

    @Test
    void stockSchedulesRunInTheirExchangesTimeZonesAndAnalyseTheirWatchlists() throws Exception {
        yahoo.resetAll();
        StockFixtures.yahoo(yahoo, "AAPL", 180, Set.of());
        yahoo.stubFor(get(urlPathEqualTo("/v8/finance/chart/NOPE1")).willReturn(aResponse().withStatus(404)
                .withBody(StockFixtures.yahooNotFound())));
        kis.resetAll();
        StockFixtures.kis(kis, "005930", "삼성전자", 71_500);

        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && stockSymbols().size() < 2) {
            Thread.sleep(200);
        }
        assertThat(stockSymbols()).contains("yahoo AAPL", "kis 005930").doesNotContain("yahoo NOPE1");

        Scheduler quartz = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
        assertThat(((CronTrigger) quartz.getTrigger(TriggerKey.triggerKey("schedule-yahoo", "analysis")))
                .getTimeZone().getID()).isEqualTo("America/New_York");
        assertThat(((CronTrigger) quartz.getTrigger(TriggerKey.triggerKey("schedule-kis", "analysis")))
                .getTimeZone().getID()).isEqualTo("Asia/Seoul");
    }

    private Set<String> stockSymbols() {
        return Set.copyOf(jdbc.queryForList("SELECT s.market || ' ' || s.symbol FROM stock_analysis_results r "
                + "JOIN stock_info s ON s.id = r.stock_info_id WHERE s.market IN ('yahoo', 'kis')", String.class));
    }

    private Map<String, Long> countsBySymbol() {
        return jdbc.queryForList("""
                SELECT s.symbol FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
                WHERE s.market = 'upbit'""", String.class)
                .stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

}
