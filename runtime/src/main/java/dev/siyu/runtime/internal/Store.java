package dev.siyu.runtime.internal;

import dev.siyu.runtime.OutboxEntry;
import dev.siyu.runtime.OutboxStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's SQL, portable between PostgreSQL and H2. Every method works on the connection it
 * is given and leaves the transaction to the caller.
 *
 * <p>Thread-safe (stateless).
 */
public final class Store {

    /** SQL state of a unique-key violation (PostgreSQL and H2 alike). */
    public static final String UNIQUE_VIOLATION = "23505";

    /** A customer row. */
    public record CustomerRow(String state, long version, Optional<OffsetDateTime> evaluatedAt,
                              Optional<OffsetDateTime> wakeAt) { }

    /** An inbox row not yet evaluated. */
    public record EventRow(String eventId, String body) { }

    /** An outbox row. */
    public record OutboxRow(long id, String customerId, String key, String kind, OffsetDateTime dueAt, String payload,
                            OutboxStatus status, int attempts) { }

    public Optional<CustomerRow> customer(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select state, version, evaluated_at, wake_at from siyu_customer where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CustomerRow(rs.getString(1), rs.getLong(2),
                        Optional.ofNullable(rs.getObject(3, OffsetDateTime.class)),
                        Optional.ofNullable(rs.getObject(4, OffsetDateTime.class))));
            }
        }
    }

    /** Inserts a customer; throws a unique violation when it exists. */
    public void insertCustomer(Connection c, String id, String state, long version, OffsetDateTime evaluatedAt,
                               OffsetDateTime wakeAt, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into siyu_customer"
                + " (id, state, version, evaluated_at, wake_at, updated_at) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, state);
            ps.setLong(3, version);
            ps.setObject(4, evaluatedAt);
            ps.setObject(5, wakeAt);
            ps.setObject(6, now);
            ps.executeUpdate();
        }
    }

    /** Writes a new state if the row still has {@code version}; returns the rows changed (0 or 1). */
    public int updateCustomer(Connection c, String id, String state, long version, OffsetDateTime evaluatedAt,
                              OffsetDateTime wakeAt, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_customer set state = ?, version = ?,"
                + " evaluated_at = ?, wake_at = ?, updated_at = ? where id = ? and version = ?")) {
            ps.setString(1, state);
            ps.setLong(2, version + 1);
            ps.setObject(3, evaluatedAt);
            ps.setObject(4, wakeAt);
            ps.setObject(5, now);
            ps.setString(6, id);
            ps.setLong(7, version);
            return ps.executeUpdate();
        }
    }

    public void setWake(Connection c, String id, OffsetDateTime wakeAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_customer set wake_at = ? where id = ?")) {
            ps.setObject(1, wakeAt);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    public List<String> customerIds(Connection c) throws SQLException {
        return strings(c, "select id from siyu_customer order by id");
    }

    public List<String> customersWithNewEvents(Connection c) throws SQLException {
        return strings(c, "select distinct customer_id from siyu_event where status = 'NEW' order by customer_id");
    }

    /** Stores an event; {@code false} when this customer already has an event with its id. */
    public boolean insertEvent(Connection c, String customerId, String eventId, OffsetDateTime at, String body,
                               OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into siyu_event"
                + " (customer_id, event_id, occurred_at, body, status, received_at) values (?, ?, ?, ?, 'NEW', ?)")) {
            ps.setString(1, customerId);
            ps.setString(2, eventId);
            ps.setObject(3, at);
            ps.setString(4, body);
            ps.setObject(5, now);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Stores an event inside a transaction unless this customer already has one with its id. A
     * concurrent insert of the same id makes the insert fail with a unique violation, which the
     * caller treats as a conflict (the transaction is then unusable on PostgreSQL).
     */
    public boolean insertEventIfAbsent(Connection c, String customerId, String eventId, OffsetDateTime at, String body,
                                       OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from siyu_event where customer_id = ? and event_id = ?")) {
            ps.setString(1, customerId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into siyu_event"
                + " (customer_id, event_id, occurred_at, body, status, received_at) values (?, ?, ?, ?, 'NEW', ?)")) {
            ps.setString(1, customerId);
            ps.setString(2, eventId);
            ps.setObject(3, at);
            ps.setString(4, body);
            ps.setObject(5, now);
            ps.executeUpdate();
            return true;
        }
    }

    public boolean hasNewEvents(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from siyu_event where customer_id = ? and status = 'NEW'")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The customer's events not yet evaluated, in time order, then arrival order. */
    public List<EventRow> newEvents(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select event_id, body from siyu_event"
                + " where customer_id = ? and status = 'NEW' order by occurred_at, seq")) {
            ps.setString(1, customerId);
            List<EventRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new EventRow(rs.getString(1), rs.getString(2)));
                }
            }
            return rows;
        }
    }

    public void markEvents(Connection c, String customerId, Collection<String> eventIds, String status, String error)
            throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update siyu_event set status = ?, error = ?"
                + " where customer_id = ? and event_id = ?")) {
            for (String eventId : eventIds) {
                ps.setString(1, status);
                ps.setString(2, error);
                ps.setString(3, customerId);
                ps.setString(4, eventId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<String> eventError(Connection c, String customerId, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status, error from siyu_event"
                + " where customer_id = ? and event_id = ?")) {
            ps.setString(1, customerId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && "REJECTED".equals(rs.getString(1))) {
                    return Optional.of(String.valueOf(rs.getString(2)));
                }
                return Optional.empty();
            }
        }
    }

    public Optional<OutboxRow> outbox(Connection c, String customerId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OUTBOX_COLUMNS + " where customer_id = ? and item_key = ?")) {
            ps.setString(1, customerId);
            ps.setString(2, key);
            return outboxRow(ps);
        }
    }

    public Optional<OutboxRow> outbox(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OUTBOX_COLUMNS + " where id = ?")) {
            ps.setLong(1, id);
            return outboxRow(ps);
        }
    }

    private static final String OUTBOX_COLUMNS =
            "select id, customer_id, item_key, kind, due_at, payload, status, attempts from siyu_outbox";

    private static Optional<OutboxRow> outboxRow(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class), rs.getString(6), OutboxStatus.valueOf(rs.getString(7)),
                    rs.getInt(8)));
        }
    }

    /** Inserts a pending outbox row and returns its id. */
    public long insertOutbox(Connection c, String customerId, String key, String kind, OffsetDateTime dueAt,
                             String payload, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into siyu_outbox (customer_id, item_key, kind, due_at,"
                + " payload, status, attempts, created_at) values (?, ?, ?, ?, ?, 'PENDING', 0, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, customerId);
            ps.setString(2, key);
            ps.setString(3, kind);
            ps.setObject(4, dueAt);
            ps.setString(5, payload);
            ps.setObject(6, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Replaces a pending (or cancelled) row's task and makes it pending again. */
    public void replaceOutbox(Connection c, long id, OffsetDateTime dueAt, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_outbox set due_at = ?, payload = ?,"
                + " status = 'PENDING' where id = ? and status in ('PENDING', 'CANCELLED')")) {
            ps.setObject(1, dueAt);
            ps.setString(2, payload);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public int cancelOutbox(Connection c, String customerId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_outbox set status = 'CANCELLED'"
                + " where customer_id = ? and item_key = ? and status = 'PENDING'")) {
            ps.setString(1, customerId);
            ps.setString(2, key);
            return ps.executeUpdate();
        }
    }

    /** Records a delivery; the row may have been cancelled meanwhile, it was handed over all the same. */
    public int delivered(Connection c, long id, int attempts, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_outbox set status = 'DELIVERED', attempts = ?,"
                + " delivered_at = ?, last_error = null where id = ? and status in ('PENDING', 'CANCELLED')")) {
            ps.setInt(1, attempts);
            ps.setObject(2, now);
            ps.setLong(3, id);
            return ps.executeUpdate();
        }
    }

    public void attemptFailed(Connection c, long id, int attempts, String error, boolean last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_outbox set attempts = ?, last_error = ?,"
                + " status = ? where id = ? and status = 'PENDING'")) {
            ps.setInt(1, attempts);
            ps.setString(2, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setString(3, last ? "FAILED" : "PENDING");
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public List<OutboxEntry> outboxEntries(Connection c, OutboxStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select customer_id, item_key, kind, status, due_at, attempts,"
                + " last_error, delivered_at, payload from siyu_outbox where status = ? order by due_at, id")) {
            ps.setString(1, status.name());
            List<OutboxEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                            OutboxStatus.valueOf(rs.getString(4)), rs.getObject(5, OffsetDateTime.class), rs.getInt(6),
                            Optional.ofNullable(rs.getString(7)),
                            Optional.ofNullable(rs.getObject(8, OffsetDateTime.class)), rs.getString(9)));
                }
            }
            return entries;
        }
    }

    /** Every task row of the outbox, whatever its status, by customer and due time. */
    public List<OutboxEntry> outboxTasks(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select customer_id, item_key, kind, status, due_at, attempts,"
                + " last_error, delivered_at, payload from siyu_outbox where kind = 'TASK' order by customer_id, due_at, id")) {
            List<OutboxEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                            OutboxStatus.valueOf(rs.getString(4)), rs.getObject(5, OffsetDateTime.class), rs.getInt(6),
                            Optional.ofNullable(rs.getString(7)),
                            Optional.ofNullable(rs.getObject(8, OffsetDateTime.class)), rs.getString(9)));
                }
            }
            return entries;
        }
    }

    /** Hands every evaluated event to {@code consumer} as (customer id, body), by customer and time. */
    public void forEachEvaluatedEvent(Connection c, java.util.function.BiConsumer<String, String> consumer)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select customer_id, body from siyu_event"
                + " where status = 'DONE' order by customer_id, occurred_at, seq")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs.getString(1), rs.getString(2));
                }
            }
        }
    }

    public long countOutbox(Connection c, OutboxStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from siyu_outbox where status = ?")) {
            ps.setString(1, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<String> meta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select text_value from siyu_meta where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void putMeta(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_meta set text_value = ? where name = ?")) {
            ps.setString(1, value);
            ps.setString(2, name);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into siyu_meta (name, text_value) values (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    /** The earliest execution time of an execution no scheduler has picked. */
    public Optional<OffsetDateTime> nextExecution(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select min(execution_time) from siyu_scheduled_tasks where picked = false");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Optional.ofNullable(rs.getObject(1, OffsetDateTime.class));
        }
    }

    /** Releases executions left picked by a scheduler that died (only when this runtime is the only one). */
    public int releasePicked(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update siyu_scheduled_tasks set picked = false,"
                + " picked_by = null, last_heartbeat = null, version = version + 1 where picked = true")) {
            return ps.executeUpdate();
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
