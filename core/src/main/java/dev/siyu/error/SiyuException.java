package dev.siyu.error;

/**
 * The root of every exception Siyu throws. Messages identify customers, events, files and rules
 * by id and name, never by personal data.
 *
 * <p>Immutable and thread-safe.
 */
public class SiyuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SiyuException(String message) {
        super(message);
    }

    public SiyuException(String message, Throwable cause) {
        super(message, cause);
    }
}
