package dev.siyu.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The runtime's behaviour on a real PostgreSQL server (one server for the class, a database per test). */
class RuntimeOnPostgresTest extends RuntimeContract {
    private static EmbeddedPostgres server;
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = Databases.startPostgres();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Override
    DataSource database() {
        HikariDataSource pool = Databases.postgres(server);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void closePools() {
        closeRuntimes();
        pools.forEach(HikariDataSource::close);
    }
}
