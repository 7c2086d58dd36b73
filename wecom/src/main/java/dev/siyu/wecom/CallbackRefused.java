package dev.siyu.wecom;

import java.util.Objects;

/**
 * A WeCom callback refused before anything was mapped: the {@link Reason} says why. The message names
 * the reason and the request's timestamp and nonce, never the payload (which may carry personal data).
 *
 * <p>Immutable and thread-safe.
 */
public final class CallbackRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a callback was refused. */
    public enum Reason {
        /** {@code msg_signature} is not the SHA-1 of token, timestamp, nonce and the encrypted body. */
        BAD_SIGNATURE,
        /** The message is for another corp id than the one configured. */
        WRONG_CORP_ID,
        /** The signed timestamp lies outside the configured window around the clock (stale or replayed). */
        STALE_TIMESTAMP,
        /** The request or the decrypted message is not a WeCom callback (missing field, not XML, not decryptable). */
        MALFORMED
    }

    private final Reason reason;

    public CallbackRefused(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    public CallbackRefused(Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
        this.reason = reason;
    }

    /** Why the callback was refused. */
    public Reason reason() {
        return reason;
    }
}
