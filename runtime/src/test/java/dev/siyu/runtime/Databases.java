package dev.siyu.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh databases for tests: an H2 in memory, or a new database on a real PostgreSQL server. */
final class Databases {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Databases() {
    }

    /** A new, empty in-memory H2 database, kept while the JVM runs. */
    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:siyu" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        return ds;
    }

    /** Starts a real PostgreSQL server (one per test class). */
    static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    /** A new, empty database on {@code server}, behind a small connection pool. */
    static HikariDataSource postgres(EmbeddedPostgres server) {
        String name = "siyu_" + COUNTER.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getJdbcUrl("postgres", name));
        config.setMaximumPoolSize(12);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }
}
