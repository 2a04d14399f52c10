package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Locale;

/**
 * The QRTZ_ tables of Quartz's JDBC job store, from the DDL Quartz ships for the database at hand (PostgreSQL,
 * or H2 for the zero-config start), without its DROP statements: the schedules then live in the app's own
 * database, where instances sharing it form one Quartz cluster.
 */
public class V5__Quartz_job_store extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String script = product.contains("postgres") ? "tables_postgres.sql" : "tables_h2.sql";
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(read("org/quartz/impl/jdbcjobstore/" + script))) {
                statement.execute(sql);
            }
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = V5__Quartz_job_store.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Quartz's DDL " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's statements without comments, DROPs and COMMIT (Flyway runs this in its own transaction). */
    static java.util.List<String> statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("--") && !l.startsWith("#")) {
                clean.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(clean.toString().split(";")).map(String::strip)
                .filter(s -> !s.isEmpty())
                .filter(s -> !s.toUpperCase(Locale.ROOT).startsWith("DROP ") && !s.equalsIgnoreCase("COMMIT"))
                .toList();
    }
}
