package dev.siyu.spring;

import dev.siyu.RuleSetWatcher;
import dev.siyu.SiyuEngine;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine the application evaluates with: the default playbook, layered with the
 * {@code siyu.rules} directory when one is set, rebuilt when a file there changes
 * ({@code siyu.reload}). A change that does not compile is reported and the previous engine keeps
 * serving.
 *
 * <p>Thread-safe.
 */
public final class SiyuRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiyuRules.class);

    private final SiyuEngine fixed;
    private final RuleSetWatcher watcher;
    private final AtomicReference<Instant> lastBuild = new AtomicReference<>();
    private final Clock clock;

    private SiyuRules(Path dir, boolean reload, ZoneId zone, Clock clock) {
        this.clock = clock;
        if (dir != null && reload) {
            this.fixed = null;
            this.watcher = RuleSetWatcher.start(() -> build(dir, zone), List.of(dir),
                    failure -> LOG.warn("rules in {} not reloaded: {}", dir, failure.getMessage()));
        } else {
            this.fixed = build(dir, zone);
            this.watcher = null;
        }
    }

    /**
     * Builds the engine now.
     *
     * @throws RulePackException when the rules do not compile (the application does not start)
     */
    public static SiyuRules start(Path dir, boolean reload, ZoneId zone, Clock clock) {
        return new SiyuRules(dir, reload, Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(clock, "clock"));
    }

    private SiyuEngine build(Path dir, ZoneId zone) {
        SiyuEngine.Builder builder = SiyuEngine.builder().rules(RulePack.defaults()).zone(zone);
        if (dir != null) {
            builder.rules(RulePack.directory(dir));
        }
        SiyuEngine engine = builder.build();
        lastBuild.set(clock.instant());
        return engine;
    }

    /** The engine serving now. */
    public SiyuEngine engine() {
        return watcher != null ? watcher.engine() : fixed;
    }

    /** When the serving engine was built (at startup or by the last successful reload). */
    public Instant lastReload() {
        return lastBuild.get();
    }

    /** How many times the rules were reloaded since startup. */
    public long reloads() {
        return watcher != null ? watcher.reloads() : 0;
    }

    /** The last change that did not compile, until a later one does. */
    public Optional<RulePackException> lastFailure() {
        return watcher != null ? watcher.lastFailure() : Optional.empty();
    }

    /**
     * A short description of the serving engine: the Siyu version, the packs and the number of rules,
     * e.g. {@code siyu 0.1.0 (default + my-rules, 39 rules)}.
     */
    public String engineVersion() {
        SiyuEngine engine = engine();
        String version = Optional.ofNullable(SiyuEngine.class.getPackage().getImplementationVersion()).orElse("development build");
        return "siyu " + version + " (" + String.join(" + ", engine.packNames()) + ", " + engine.ruleNames().size() + " rules)";
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
