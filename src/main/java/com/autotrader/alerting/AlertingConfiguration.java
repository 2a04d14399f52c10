package com.autotrader.alerting;

import org.apache.camel.component.redis.processor.idempotent.SpringRedisStringIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Where the alert dedupe window lives: Redis when REDIS_URL is set (instances sharing it share the window),
 * in-process otherwise. Redis is optional everywhere: it never makes the app DOWN, and alerts go out
 * without it.
 */
@Configuration
public class AlertingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingConfiguration.class);
    private static final String REDIS_CONFIGURED = "!'${redis.url:}'.isBlank()";
    /** A dead Redis should cost an alert half a second at most. */
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    @Bean
    @ConditionalOnExpression(REDIS_CONFIGURED)
    public JedisConnectionFactory alertRedisConnectionFactory(@Value("${redis.url}") String url) {
        URI uri = URI.create(url.strip());
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 6379);
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        if (!path.isEmpty()) {
            server.setDatabase(Integer.parseInt(path));
        }
        if (uri.getUserInfo() != null) {
            String[] user = uri.getUserInfo().split(":", 2);
            if (user.length == 2) {
                if (!user[0].isEmpty()) {
                    server.setUsername(user[0]);
                }
                server.setPassword(user[1]);
            } else {
                server.setPassword(user[0]);
            }
        }
        JedisClientConfiguration.JedisClientConfigurationBuilder client = JedisClientConfiguration.builder()
                .connectTimeout(REDIS_TIMEOUT).readTimeout(REDIS_TIMEOUT);
        if ("rediss".equalsIgnoreCase(uri.getScheme())) {
            client.useSsl();
        }
        LOG.info("Alert dedupe: Redis at {}:{} (window shared by every instance using it)",
                server.getHostName(), server.getPort());
        // a connection left over from before a Redis restart is found dead on borrow, not by the next alert
        redis.clients.jedis.JedisPoolConfig pool = new redis.clients.jedis.JedisPoolConfig();
        pool.setTestOnBorrow(true);
        return new JedisConnectionFactory(server, client.usePooling().poolConfig(pool).build());
    }

    @Bean
    @ConditionalOnExpression(REDIS_CONFIGURED)
    public StringRedisTemplate alertRedisTemplate(JedisConnectionFactory alertRedisConnectionFactory) {
        return new StringRedisTemplate(alertRedisConnectionFactory);
    }

    @Bean
    public IdempotentRepository alertWindow(ObjectProvider<StringRedisTemplate> redis,
                                            @Value("${error-reporting.duplicate-window:300}") long windowSeconds,
                                            @Value("${error-reporting.redis-retry:30s}") Duration redisRetry) {
        Duration window = Duration.ofSeconds(windowSeconds);
        TtlIdempotentRepository inProcess = new TtlIdempotentRepository(window, Clock.systemUTC());
        StringRedisTemplate template = redis.getIfAvailable();
        if (template == null) {
            LOG.info("Alert dedupe: in-process (REDIS_URL not set), window {}s", windowSeconds);
            return inProcess;
        }
        SpringRedisStringIdempotentRepository shared =
                new SpringRedisStringIdempotentRepository(template, "auto-trader:alerts:window");
        shared.setExpiry(windowSeconds);
        return new FailoverIdempotentRepository(shared, inProcess, redisRetry, Clock.systemUTC());
    }

    @Bean
    public SuppressedAlerts suppressedAlerts(ObjectProvider<StringRedisTemplate> redis) {
        return new SuppressedAlerts(redis.getIfAvailable());
    }

    /** Always UP: alerting degrades, it does not take the app down. The details say how it runs. */
    @Bean
    public HealthIndicator alertingHealthIndicator(IdempotentRepository alertWindow, TelegramMessages telegram,
                                                   JdbcTemplate jdbc,
                                                   @Value("${error-reporting.enabled:true}") boolean enabled) {
        return () -> {
            Health.Builder health = Health.up()
                    .withDetail("error_reporting", enabled ? "enabled" : "disabled")
                    .withDetail("telegram", telegram.isConfigured() ? "configured" : "no token: messages go to the log")
                    .withDetail("dedupe", alertWindow instanceof DedupeMode m ? m.mode() : "unknown");
            try {
                health.withDetail("outbox_pending", jdbc.queryForObject("SELECT COUNT(*) FROM alert_outbox", Long.class));
            } catch (RuntimeException e) {
                health.withDetail("outbox_pending", "unknown");
            }
            return health.build();
        };
    }
}
