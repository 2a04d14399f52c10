package com.autotrader.schedule;

import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;

import javax.sql.DataSource;
import java.util.Locale;
import java.util.Properties;

/**
 * Quartz's JDBC delegate for the database the app runs on: PostgreSQL stores job data as BYTEA and needs its
 * own delegate; H2 (the zero-config start) works with the standard one. The spring.quartz.properties stay as
 * configured; only the delegate is added.
 */
@Configuration
public class QuartzJobStore {

    @Bean
    public SchedulerFactoryBeanCustomizer quartzDelegate(DataSource dataSource, QuartzProperties quartz) {
        return factory -> {
            String product;
            try {
                product = JdbcUtils.extractDatabaseMetaData(dataSource, m -> m.getDatabaseProductName());
            } catch (Exception e) {
                product = "unknown";
            }
            Properties p = new Properties();
            p.putAll(quartz.getProperties());
            p.setProperty("org.quartz.jobStore.driverDelegateClass", product.toLowerCase(Locale.ROOT).contains("postgres")
                    ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
            factory.setQuartzProperties(p);
        };
    }
}
