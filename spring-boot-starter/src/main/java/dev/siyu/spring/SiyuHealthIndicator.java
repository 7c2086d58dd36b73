package dev.siyu.spring;

import dev.siyu.runtime.OutboxStatus;
import dev.siyu.runtime.SiyuRuntime;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.Objects;

/**
 * Health of Siyu: up while the engine serves and the runtime's database answers. Details: the
 * engine version ({@link SiyuRules#engineVersion()}), when the rules were last (re)loaded, how many
 * reloads, the last reload failure if the serving rules are older than the files, and the outbox:
 * backlog (pending) and failed entries.
 *
 * <p>Thread-safe.
 */
public class SiyuHealthIndicator extends AbstractHealthIndicator {
    private final SiyuRules rules;
    private final SiyuRuntime runtime;

    /** @param runtime the runtime, or {@code null} when it is switched off */
    public SiyuHealthIndicator(SiyuRules rules, SiyuRuntime runtime) {
        super("Siyu health check failed");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.runtime = runtime;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up()
                .withDetail("engineVersion", rules.engineVersion())
                .withDetail("lastReload", String.valueOf(rules.lastReload()))
                .withDetail("reloads", rules.reloads());
        rules.lastFailure().ifPresent(failure -> builder.withDetail("lastReloadFailure", failure.getMessage()));
        if (runtime != null) {
            builder.withDetail("outboxBacklog", runtime.backlog())
                    .withDetail("outboxFailed", runtime.outbox(OutboxStatus.FAILED).size());
        }
    }
}
