package com.autotrader.schedule;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A lease on the shared database for work only one instance may do: taken when free or expired, renewed by its
 * holder, released on shutdown, and lapsing by itself when the holder dies.
 */
@Component
public class ClusterLease {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String me;

    public ClusterLease(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        this.me = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name in the leases table. */
    public String owner() {
        return me;
    }

    /** Takes or renews {@code name} for {@code ttl}; false when another live instance holds it. */
    public boolean hold(String name, Duration ttl) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp until = Timestamp.from(clock.instant().plus(ttl));
        int renewed = jdbc.update("""
                UPDATE cluster_leases SET owner = ?, expires_at = ?
                WHERE name = ? AND (owner = ? OR expires_at < ?)""", me, until, name, me, now);
        if (renewed == 1) {
            return true;
        }
        try {
            return jdbc.update("""
                    INSERT INTO cluster_leases (name, owner, expires_at)
                    SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM cluster_leases WHERE name = ?)""",
                    name, me, until, name) == 1;
        } catch (DataIntegrityViolationException raced) {
            return false;   // another instance inserted it at the same moment
        }
    }

    public void release(String name) {
        jdbc.update("DELETE FROM cluster_leases WHERE name = ? AND owner = ?", name, me);
    }
}
