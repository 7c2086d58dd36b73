package dev.siyu.wecom;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a host configures to receive WeCom callbacks: the callback {@code token} and
 * {@code EncodingAESKey} set on the WeCom admin console, the corp id, how far the signed timestamp
 * may lie from the clock ({@code window}, 5 minutes by default), and the zone touchpoint times are
 * written in ({@code Asia/Shanghai} by default).
 *
 * <p>Immutable and thread-safe.
 */
public record WeComConfig(String token, String aesKey, String corpId, Duration window, ZoneId zone) {

    /** The default window: a callback signed more than 5 minutes before or after the clock is refused. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    public WeComConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(aesKey, "aesKey");
        Objects.requireNonNull(corpId, "corpId");
        window = window == null ? DEFAULT_WINDOW : window;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        if (token.isBlank() || corpId.isBlank()) {
            throw new IllegalArgumentException("token and corpId must not be blank");
        }
        if (aesKey.length() != 43) {
            throw new IllegalArgumentException("the EncodingAESKey must be 43 characters, got " + aesKey.length());
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
    }

    /** A configuration with the default window and zone. */
    public static WeComConfig of(String token, String aesKey, String corpId) {
        return new WeComConfig(token, aesKey, corpId, null, null);
    }

    /** This configuration with another window. */
    public WeComConfig withWindow(Duration value) {
        return new WeComConfig(token, aesKey, corpId, value, zone);
    }

    /** This configuration with another zone. */
    public WeComConfig withZone(ZoneId value) {
        return new WeComConfig(token, aesKey, corpId, window, value);
    }

    @Override
    public String toString() {
        return "WeComConfig[corpId=" + corpId + ", window=" + window + ", zone=" + zone + "]"; // no secrets
    }
}
