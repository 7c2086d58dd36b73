package dev.siyu.spring;

import dev.siyu.runtime.SiyuRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code siyu} health indicator, when Spring Boot Actuator is on the class path.
 *
 * <p>Thread-safe (Spring configuration).
 */
@AutoConfiguration(after = SiyuAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class SiyuHealthAutoConfiguration {

    @Bean(name = "siyuHealthIndicator")
    @ConditionalOnMissingBean(name = "siyuHealthIndicator")
    @ConditionalOnBean(SiyuRules.class)
    public SiyuHealthIndicator siyuHealthIndicator(SiyuRules rules, ObjectProvider<SiyuRuntime> runtime) {
        return new SiyuHealthIndicator(rules, runtime.getIfAvailable());
    }
}
