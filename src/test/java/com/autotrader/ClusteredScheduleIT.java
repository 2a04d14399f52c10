package com.autotrader;

import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances on one PostgreSQL form one Quartz cluster: each cron fire of schedule-upbit is analysed
 * by one of them, never by both, and when one stops the other goes on firing the schedule.
 */
class ClusteredScheduleIT {

    static Map<String, Object> instance() {
        return Map.of(
                // one deployment: the same Camel context and scheduler name on both
                "analysis.schedule.enabled", "true",
                "analysis.cron.upbit", "0/3 * * * * ?",
                "upbit.markets", "KRW-BTC",
                "gemini.api-keys", "",
                "trading.enabled", "false",
                "camel.main.jmx-enabled", "false",
                "spring.jmx.unique-names", "true",
                // a stopped node's acquired triggers are recovered after its check-in lapses: keep that short here
                "spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000");
    }

    @Test
    void eachFireOfTheScheduleIsAnalysedByExactlyOneOfTwoInstances() throws Exception {
        UpstreamStubs.upbit(TestServers.upbit());
        try (ConfigurableApplicationContext first = TestApp.start("cluster-it", instance());
             ConfigurableApplicationContext second = TestApp.start("cluster-it", instance())) {
            JdbcTemplate jdbc = new JdbcTemplate(first.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = 'cluster-it'",
                    Integer.class)).as("two nodes checked in").isEqualTo(2);
            Timestamp since = new Timestamp(System.currentTimeMillis());

            Thread.sleep(13_000);

            List<Long> at = new ArrayList<>(jdbc.queryForList("""
                    SELECT r.created_at FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
                    WHERE s.symbol = 'KRW-BTC' AND r.created_at >= ? ORDER BY r.created_at""", Timestamp.class, since)
                    .stream().map(Timestamp::getTime).toList());
            // about four fires in 13 s, each analysed once: consecutive analyses about 3 s apart, never twins
            assertThat(at.size()).as("analyses %s", at).isBetween(3, 5);
            for (int i = 1; i < at.size(); i++) {
                assertThat(at.get(i) - at.get(i - 1)).as("gap between analyses %s", at).isGreaterThan(1_500);
            }

            // one instance stops: the schedule is the cluster's, the other one goes on firing it
            first.close();
            Timestamp afterStop = new Timestamp(System.currentTimeMillis());
            Thread.sleep(12_000);
            JdbcTemplate still = new JdbcTemplate(second.getBean(DataSource.class));
            assertThat(still.queryForObject("SELECT COUNT(*) FROM stock_analysis_results r JOIN stock_info s "
                    + "ON s.id = r.stock_info_id WHERE s.symbol = 'KRW-BTC' AND r.created_at >= ?", Integer.class,
                    afterStop)).isBetween(2, 4);
        }
    }
}
