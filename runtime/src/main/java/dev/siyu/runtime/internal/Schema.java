package dev.siyu.runtime.internal;

import dev.siyu.error.SiyuException;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Brings the runtime's tables up to date with Flyway, in a history table of their own
 * ({@code siyu_schema_history}) so that the host's own migrations are left alone.
 *
 * <p>Thread-safe (stateless).
 */
public final class Schema {
    public static final String HISTORY_TABLE = "siyu_schema_history";
    public static final String LOCATION = "classpath:dev/siyu/runtime/db/migration";

    private Schema() {
    }

    /** Migrates the schema and returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw Transactions.failure("cannot reach the runtime's database", e);
        }
        Map<String, String> types = product.toLowerCase(java.util.Locale.ROOT).contains("postgres")
                ? Map.of("text", "text", "bytes", "bytea")
                : Map.of("text", "clob", "bytes", "blob");
        try {
            return Flyway.configure(Schema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .placeholders(types)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (RuntimeException e) {
            throw new SiyuException("cannot migrate the runtime's schema on " + product + ": " + e.getMessage(), e);
        }
    }
}
