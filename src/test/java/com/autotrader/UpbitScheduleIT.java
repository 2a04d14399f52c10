package com.autotrader;

import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * schedule-upbit fires on its Quartz cron and analyses every market of the watchlist; a market whose data
 * fails is skipped and counted, the others still land in PostgreSQL.
 */
@CamelSpringBootTest
@DirtiesContext // its schedule must not keep writing into the shared database once this class is done
@SpringBootTest(properties = {
        // each test context gets its own Quartz scheduler (they are named after the Camel context)
        "camel.main.name=it-schedule",
        "analysis.schedule.enabled=true",
        "analysis.cron.upbit=0/2 * * * * ?",
        "upbit.markets=KRW-BTC, 이더리움, KRW-XRP"
})
class UpbitScheduleIT {

    static final WireMockServer upbit = TestServers.upbit();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
        // the rule-based analyst answers: this test is about the schedule, not the model
        registry.add("gemini.api-keys", () -> "");
    }

    @Autowired
    JdbcTemplate jdbc;

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

    private Map<String, Long> countsBySymbol() {
        return jdbc.queryForList("""
                SELECT s.symbol FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id""", String.class)
                .stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

}
