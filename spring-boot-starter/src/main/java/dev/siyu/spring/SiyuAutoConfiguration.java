package dev.siyu.spring;

import dev.siyu.runtime.AlertSink;
import dev.siyu.runtime.SiyuRuntime;
import dev.siyu.runtime.TaskSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Builds the engine ({@link SiyuRules}) and the runtime ({@link SiyuRuntime}) on the application's
 * {@link DataSource}, handing due tasks to the application's {@link TaskSender} bean and alerts to
 * its {@link AlertSink} bean (alerts are dropped when there is none). Each bean backs off when the
 * application defines its own.
 *
 * <p>Thread-safe (Spring configuration).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(SiyuProperties.class)
public class SiyuAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SiyuRules siyuRules(SiyuProperties properties) {
        return SiyuRules.start(properties.getRules(), properties.isReload(), properties.getZone(), Clock.systemUTC());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty(prefix = "siyu.runtime", name = "enabled", matchIfMissing = true)
    public SiyuRuntime siyuRuntime(DataSource dataSource, SiyuRules rules, SiyuProperties properties,
                                   ObjectProvider<TaskSender> taskSender, ObjectProvider<AlertSink> alertSink) {
        TaskSender sender = taskSender.getIfAvailable(() -> {
            throw new IllegalStateException("the Siyu runtime needs a TaskSender bean to hand due tasks to"
                    + " (or set siyu.runtime.enabled=false)");
        });
        SiyuProperties.Runtime runtime = properties.getRuntime();
        return SiyuRuntime.builder(dataSource)
                .engine(rules::engine)
                .taskSender(sender)
                .alertSink(alertSink.getIfAvailable(AlertSink::ignoring))
                .zone(properties.getZone())
                .threads(runtime.getThreads())
                .pollingInterval(runtime.getPollingInterval())
                .heartbeatInterval(runtime.getHeartbeatInterval())
                .retryBackoff(runtime.getRetryBackoff())
                .maxAttempts(runtime.getMaxAttempts())
                .sweepAt(runtime.getSweepAt())
                .build();
    }
}
