package com.autotrader.support;

import com.autotrader.AutoTraderApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts a whole app instance outside the Spring test framework: for a second instance beside a test's own,
 * or for a stop-and-start-again test. Wired to the shared embedded PostgreSQL, Redis and the stubs.
 */
public final class TestApp {

    private TestApp() {
    }

    public static ConfigurableApplicationContext start(String name, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("camel.main.name", name);
        props.put("spring.datasource.url", TestServers.postgresUrl());
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "postgres");
        props.put("upbit.base-url", TestServers.upbitUrl());
        props.put("gemini.base-url", TestServers.geminiUrl());
        props.put("yahoo.base-url", TestServers.yahooUrl());
        props.put("kis.base-url", TestServers.kisUrl());
        props.put("telegram.base-url", TestServers.telegramUrl());
        props.put("redis.url", TestServers.redisUrl());
        props.put("analysis.schedule.enabled", "false");
        props.put("telegram.commands.enabled", "false");
        props.put("trading.paper.settle-interval", "1h");
        props.put("upbit.retry-backoff", "100ms");
        props.putAll(extra);
        // as command-line arguments: SpringApplicationBuilder.properties() would rank below application.yaml
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(AutoTraderApplication.class).run(args);
    }
}
