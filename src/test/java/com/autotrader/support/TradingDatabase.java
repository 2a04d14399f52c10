package com.autotrader.support;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database for one trading unit test, on either engine the app runs on, migrated by the app's own scripts
 * and holding one analysis row (for KRW-BTC) that orders can point at. {@link #close()} drops it.
 */
public final class TradingDatabase implements AutoCloseable {

    /** The two databases the app runs on: H2 in PostgreSQL mode and the shared embedded PostgreSQL. */
    public enum Engine {
        H2, POSTGRES;

        DataSource create(String name) {
            if (this == H2) {
                return new DriverManagerDataSource("jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
            }
            new JdbcTemplate(TestServers.postgres().getPostgresDatabase()).execute("CREATE DATABASE " + name);
            return TestServers.postgres().getDatabase("postgres", name);
        }

        void drop(String name, DataSource ds) {
            if (this == H2) {
                new JdbcTemplate(ds).execute("SHUTDOWN");
            } else {
                new JdbcTemplate(TestServers.postgres().getPostgresDatabase())
                        .execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private final Engine engine;
    private final String name;
    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long analysisId;

    private TradingDatabase(Engine engine) {
        this.engine = engine;
        this.name = "trading_unit_" + UUID.randomUUID().toString().replace("-", "");
        this.dataSource = engine.create(name);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            this.jdbc = new NamedParameterJdbcTemplate(dataSource);
            this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            this.analysisId = insertAnalysis(jdbc);
        } catch (RuntimeException | Error e) {
            try {
                engine.drop(name, dataSource);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Creates, migrates and seeds a fresh database on the given engine. */
    public static TradingDatabase open(Engine engine) {
        return new TradingDatabase(engine);
    }

    private static long insertAnalysis(NamedParameterJdbcTemplate jdbc) {
        jdbc.update("INSERT INTO stock_info (market, asset_type, symbol, name) VALUES ('upbit', 'crypto', 'KRW-BTC', '비트코인')",
                Map.of());
        long stockId = jdbc.queryForObject("SELECT id FROM stock_info WHERE symbol = 'KRW-BTC'", Map.of(), Long.class);
        jdbc.update("""
                INSERT INTO stock_analysis_results (stock_info_id, decision, confidence, reasons, appropriate_buy_min,
                    appropriate_buy_max, appropriate_sell_min, appropriate_sell_max, buy_hope_min, buy_hope_max,
                    sell_target_min, sell_target_max, detailed_text, current_price, model_name, prompt, latency_ms)
                VALUES (:s, 'buy', 70, '["test"]', 1, 2, 3, 4, 1, 2, 3, 4, 'test', 2, 'rule-based', 'test', 1)""",
                Map.of("s", stockId));
        return jdbc.queryForObject("SELECT MAX(id) FROM stock_analysis_results", Map.of(), Long.class);
    }

    public Engine engine() {
        return engine;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate tx() {
        return tx;
    }

    /** The id of the stock_analysis_results row inserted for KRW-BTC. */
    public long analysisId() {
        return analysisId;
    }

    /** Drops the database. */
    @Override
    public void close() {
        engine.drop(name, dataSource);
    }
}
