package dev.siyu.error;

import java.util.Optional;

/**
 * Input the engine refuses: malformed or unknown JSON, a wrong type, a missing required field, an
 * event later than the evaluation time. Carries where the problem is: the JSON path, line and
 * column, the customer and the event, as far as they are known. Nothing was changed.
 *
 * <p>Immutable and thread-safe.
 */
public class InputException extends SiyuException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final int column;
    private final String customerId;
    private final String eventId;

    private InputException(String message, String path, int line, int column, String customerId, String eventId) {
        super(message);
        this.path = path;
        this.line = line;
        this.column = column;
        this.customerId = customerId;
        this.eventId = eventId;
    }

    /** A JSON problem at {@code path} ({@code $.events[2].at}), line and column (1-based, 0 if unknown). */
    public static InputException atJson(String problem, String path, int line, int column) {
        StringBuilder message = new StringBuilder(problem);
        if (path != null && !path.isEmpty()) {
            message.append(" at ").append(path);
        }
        if (line > 0) {
            message.append(" (line ").append(line);
            if (column > 0) {
                message.append(", column ").append(column);
            }
            message.append(')');
        }
        return new InputException(message.toString(), path, line, column, null, null);
    }

    /** A problem with one event of one customer. */
    public static InputException forEvent(String customerId, String eventId, String problem) {
        return new InputException("customer " + customerId + ", event " + eventId + ": " + problem,
                null, 0, 0, customerId, eventId);
    }

    /** A problem with one customer's input. */
    public static InputException forCustomer(String customerId, String problem) {
        return new InputException("customer " + customerId + ": " + problem, null, 0, 0, customerId, null);
    }

    /** This problem, found on line {@code lineNumber} of an input file (NDJSON). */
    public InputException onLine(int lineNumber) {
        return new InputException("line " + lineNumber + ": " + getMessage(), path, lineNumber, column,
                customerId, eventId);
    }

    /** This problem, found in file {@code file}. */
    public InputException inFile(String file) {
        return new InputException(file + ": " + getMessage(), path, line, column, customerId, eventId);
    }

    /** The JSON path of the offending value, e.g. {@code $.events[2].at}. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, 0 when unknown. */
    public int column() {
        return column;
    }

    public Optional<String> customerId() {
        return Optional.ofNullable(customerId);
    }

    public Optional<String> eventId() {
        return Optional.ofNullable(eventId);
    }
}
