package dev.siyu.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The {@code siyu.*} properties.
 *
 * <pre>
 * siyu.rules=/etc/shop/rules          # an integrator's rule directory, layered on the default playbook
 * siyu.reload=true                    # rebuild the engine when a file there changes (a broken change keeps the old engine)
 * siyu.zone=Asia/Shanghai
 * siyu.runtime.enabled=true
 * siyu.runtime.threads=4
 * siyu.runtime.polling-interval=1s    # worst-case delivery lag of a due task
 * siyu.runtime.heartbeat-interval=30s
 * siyu.runtime.retry-backoff=30s      # first retry of a failed delivery, doubled each time
 * siyu.runtime.max-attempts=8
 * siyu.runtime.sweep-at=08:30
 * </pre>
 *
 * <p>Not thread-safe (a configuration holder, bound once at startup).
 */
@ConfigurationProperties("siyu")
public class SiyuProperties {
    private Path rules;
    private boolean reload = true;
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private final Runtime runtime = new Runtime();

    public Path getRules() {
        return rules;
    }

    public void setRules(Path rules) {
        this.rules = rules;
    }

    public boolean isReload() {
        return reload;
    }

    public void setReload(boolean reload) {
        this.reload = reload;
    }

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public Runtime getRuntime() {
        return runtime;
    }

    /** {@code siyu.runtime.*}. Not thread-safe. */
    public static class Runtime {
        private boolean enabled = true;
        private int threads = 4;
        private Duration pollingInterval = Duration.ofSeconds(1);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofSeconds(30);
        private int maxAttempts = 8;
        private LocalTime sweepAt = LocalTime.of(8, 30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public Duration getPollingInterval() {
            return pollingInterval;
        }

        public void setPollingInterval(Duration pollingInterval) {
            this.pollingInterval = pollingInterval;
        }

        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public LocalTime getSweepAt() {
            return sweepAt;
        }

        public void setSweepAt(LocalTime sweepAt) {
            this.sweepAt = sweepAt;
        }
    }
}
