package com.autotrader.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The real servers the integration tests talk to, started once per JVM and shared by every Spring context:
 * WireMock servers playing Upbit and Gemini on free ports, and an embedded PostgreSQL.
 */
public final class TestServers {

    private static WireMockServer upbit;
    private static WireMockServer gemini;
    private static WireMockServer telegram;
    private static WireMockServer yahoo;
    private static WireMockServer kis;
    private static RedisServer redis;
    private static int redisPort;
    private static EmbeddedPostgres postgres;

    private TestServers() {
    }

    /** Upbit's stand-in; each upstream has its own server, as each has its own host in real life. */
    public static synchronized WireMockServer upbit() {
        if (upbit == null) {
            upbit = started();
        }
        return upbit;
    }

    public static synchronized WireMockServer gemini() {
        if (gemini == null) {
            gemini = started();
        }
        return gemini;
    }

    public static synchronized WireMockServer telegram() {
        if (telegram == null) {
            telegram = started();
        }
        return telegram;
    }

    public static synchronized WireMockServer yahoo() {
        if (yahoo == null) {
            yahoo = started();
        }
        return yahoo;
    }

    public static synchronized WireMockServer kis() {
        if (kis == null) {
            kis = started(new KisDailyBars());
        }
        return kis;
    }

    public static String yahooUrl() {
        return "http://localhost:" + yahoo().port();
    }

    public static String kisUrl() {
        return "http://localhost:" + kis().port();
    }

    public static String telegramUrl() {
        return "http://localhost:" + telegram().port();
    }

    /** An embedded Redis on a free port; tests may stop and start it to play an outage. */
    public static synchronized String redisUrl() {
        if (redis == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                redisPort = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            startRedis();
            Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopRedis));
        }
        return "redis://localhost:" + redisPort + "/0";
    }

    public static synchronized void startRedis() {
        try {
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start", e);
        }
    }

    public static synchronized void stopRedis() {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String upbitUrl() {
        return "http://localhost:" + upbit().port();
    }

    public static String geminiUrl() {
        return "http://localhost:" + gemini().port();
    }

    private static WireMockServer started(com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(20).extensions(extensions));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }

    public static String postgresUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
    }

    /** Points a Spring test context at the shared embedded PostgreSQL and the Upbit, Yahoo, KIS, Gemini and Telegram stubs. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestServers::postgresUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // at JVM exit the shared PostgreSQL may stop before a cached context: a timer's query then fails fast
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("upbit.base-url", TestServers::upbitUrl);
        registry.add("gemini.base-url", TestServers::geminiUrl);
        registry.add("yahoo.base-url", TestServers::yahooUrl);
        registry.add("kis.base-url", TestServers::kisUrl);
        // only sends with a telegram.token, which each test that wants messages sets
        registry.add("telegram.base-url", TestServers::telegramUrl);
        // one getUpdates poller per shared stub: only the tests of commands start one
        registry.add("telegram.commands.enabled", () -> "false");
        // the shared database may hold another test's open paper orders: only the paper tests settle them
        registry.add("trading.paper.settle-interval", () -> "1h");
        // Upbit's 429/5xx retries: the tests that fail Upbit on purpose need not wait a second each time
        registry.add("upbit.retry-backoff", () -> "100ms");
    }
}
