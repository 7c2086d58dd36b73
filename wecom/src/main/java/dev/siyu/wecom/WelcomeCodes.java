package dev.siyu.wecom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The welcome codes of recent FRIEND_ADDED callbacks, by customer and event id, for the 20 seconds
 * WeCom accepts them ({@code send_welcome_msg}). The callback endpoint remembers them; the task
 * sender takes one (once) when the greeting of that event falls due. Kept in memory only: a code
 * outlives no restart, and WeCom's window is shorter than any restart.
 *
 * <p>Thread-safe.
 */
public final class WelcomeCodes {
    /** How long WeCom accepts a welcome code after the add. */
    public static final Duration WINDOW = Duration.ofSeconds(20);

    private record Code(String code, Instant received) { }

    private final Clock clock;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    public WelcomeCodes(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Remembers the welcome code of a mapped event, if it carries one. */
    public void remember(WeComEvent event) {
        event.touchpoint().attribute("welcomeCode").filter(c -> !c.isBlank()).ifPresent(code ->
                codes.put(key(event.customerId(), event.touchpoint().id()), new Code(code, clock.instant())));
        Instant cutoff = clock.instant().minus(WINDOW);
        codes.values().removeIf(c -> c.received().isBefore(cutoff));
    }

    /** The code of that event, when still inside the window; taken, so it is used once. */
    public Optional<String> take(String customerId, String eventId) {
        Code code = codes.remove(key(customerId, eventId));
        if (code == null || Duration.between(code.received(), clock.instant()).compareTo(WINDOW) > 0) {
            return Optional.empty();
        }
        return Optional.of(code.code());
    }

    private static String key(String customerId, String eventId) {
        return customerId + "\n" + eventId;
    }
}
