package dev.siyu.runtime.internal;

import dev.siyu.error.SiyuException;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * JDBC transactions of the runtime, and a {@link DataSource} view that hands out the connection of
 * the transaction open on the calling thread. db-scheduler is given that view, so that a wake-up or
 * a delivery scheduled during an evaluation is written in the evaluation's own transaction: both
 * commit together or neither does.
 *
 * <p>Thread-safe; a transaction belongs to the thread that opened it.
 */
public final class Transactions {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource target;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final DataSource bound = new BoundDataSource();

    public Transactions(DataSource target) {
        this.target = target;
    }

    /** The data source that shares the calling thread's open transaction, if any. */
    public DataSource boundDataSource() {
        return bound;
    }

    /** Runs {@code work} in a new transaction (committed when it returns, rolled back when it throws). */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        if (current.get() != null) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        try (Connection connection = target.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                current.remove();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Runs {@code work} on a connection of its own in auto-commit mode. */
    public <T> T autoCommit(Work<T> work) throws SQLException {
        try (Connection connection = target.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        }
    }

    private Connection nonClosing(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    private final class BoundDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection open = current.get();
            return open != null ? nonClosing(open) : target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            Connection open = current.get();
            return open != null ? nonClosing(open) : target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }

    /** An SQL failure as the runtime reports it. */
    public static SiyuException failure(String what, SQLException e) {
        return new SiyuException(what + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
    }
}
