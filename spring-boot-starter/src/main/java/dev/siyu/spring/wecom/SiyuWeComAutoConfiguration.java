package dev.siyu.spring.wecom;

import dev.siyu.runtime.SiyuRuntime;
import dev.siyu.runtime.TaskSender;
import dev.siyu.spring.SiyuAutoConfiguration;
import dev.siyu.spring.SiyuProperties;
import dev.siyu.wecom.MappingFile;
import dev.siyu.wecom.WeComActions;
import dev.siyu.wecom.WeComCallbackDecoder;
import dev.siyu.wecom.WeComCallbacks;
import dev.siyu.wecom.WeComClient;
import dev.siyu.wecom.WeComConfig;
import dev.siyu.wecom.WeComTaskSender;
import dev.siyu.wecom.WeComTouchpoints;
import dev.siyu.wecom.WelcomeCodes;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * WeCom for Spring Boot applications with {@code dev.siyu:siyu-wecom} on the class path: the callback
 * endpoint when the application is a servlet web application and {@code siyu.wecom.token},
 * {@code aes-key} and {@code corp-id} are set; the WeCom {@link TaskSender} and {@link WeComActions}
 * when {@code siyu.wecom.secret} is set too (the sender only when the application defines no
 * TaskSender of its own).
 *
 * <p>Thread-safe (Spring configuration).
 */
@AutoConfiguration(after = SiyuAutoConfiguration.class)
@ConditionalOnClass(name = "dev.siyu.wecom.WeComCallbacks")
@ConditionalOnProperty(prefix = "siyu.wecom", name = {"token", "aes-key", "corp-id"})
@EnableConfigurationProperties(SiyuWeComProperties.class)
public class SiyuWeComAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WelcomeCodes siyuWelcomeCodes() {
        return new WelcomeCodes(Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    public WeComCallbacks siyuWeComCallbacks(SiyuWeComProperties wecom, SiyuProperties siyu) {
        WeComConfig config = new WeComConfig(wecom.getToken(), wecom.getAesKey(), wecom.getCorpId(), wecom.getWindow(),
                siyu.getZone());
        MappingFile states = read(wecom.getStates(), "states", "state", "source");
        return new WeComCallbacks(new WeComCallbackDecoder(config, Clock.systemUTC()), new WeComTouchpoints(states, config.zone()));
    }

    /** The callback URL, in a servlet application with a runtime to hand the events to. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.bind.annotation.RestController")
    static class Endpoint {
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(SiyuRuntime.class)
        WeComCallbackEndpoint siyuWeComCallbackEndpoint(WeComCallbacks callbacks, WelcomeCodes codes, SiyuRuntime runtime) {
            return new WeComCallbackEndpoint(callbacks, codes, runtime);
        }
    }

    /** Sending to WeCom, with the application's secret. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "siyu.wecom", name = "secret")
    static class Sending {
        @Bean
        @ConditionalOnMissingBean
        WeComClient siyuWeComClient(SiyuWeComProperties wecom) {
            return WeComClient.create(wecom.getCorpId(), wecom.getSecret(), wecom.getApiBaseUrl());
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(TaskSender.class)
        WeComTaskSender siyuWeComTaskSender(WeComClient client, WelcomeCodes codes, SiyuWeComProperties wecom) {
            return new WeComTaskSender(client, codes, wecom.isAllowSelect(), wecom.getLinger());
        }

        @Bean
        @ConditionalOnMissingBean
        WeComActions siyuWeComActions(WeComClient client, SiyuWeComProperties wecom) {
            return new WeComActions(client, read(wecom.getTagIds(), "tag-ids", "tag", "tagId"));
        }
    }

    private static MappingFile read(Path file, String name, String key, String value) {
        if (file == null) {
            return MappingFile.empty(name);
        }
        try {
            return MappingFile.read(file, key, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read siyu.wecom." + name + " " + file, e);
        }
    }
}
