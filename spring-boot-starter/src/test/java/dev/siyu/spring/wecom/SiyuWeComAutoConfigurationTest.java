package dev.siyu.spring.wecom;

import dev.siyu.runtime.TaskSender;
import dev.siyu.spring.SiyuAutoConfiguration;
import dev.siyu.wecom.WeComActions;
import dev.siyu.wecom.WeComCallbacks;
import dev.siyu.wecom.WeComClient;
import dev.siyu.wecom.WeComTaskSender;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** When the WeCom endpoint and sender are there: a servlet application, the siyu.wecom.* keys, a secret. */
class SiyuWeComAutoConfigurationTest {
    private static final String[] KEYS = {"siyu.wecom.token=QDG6eK", "siyu.wecom.aes-key=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
            "siyu.wecom.corp-id=wx5823bf96d3bd56c7", "spring.datasource.url=jdbc:h2:mem:wecom-auto;DB_CLOSE_DELAY=-1",
            "siyu.runtime.threads=1"};
    private static final AutoConfigurations CONFIGS = AutoConfigurations.of(DataSourceAutoConfiguration.class,
            SiyuAutoConfiguration.class, SiyuWeComAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(CONFIGS)
            .withBean(TaskSender.class, () -> task -> { });

    @Test
    void aWebApplicationWithTheCallbackKeysServesTheEndpoint() {
        web.withPropertyValues(KEYS).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WeComCallbackEndpoint.class).hasSingleBean(WeComCallbacks.class);
            assertThat(context).doesNotHaveBean(WeComClient.class);
        });
    }

    @Test
    void withoutTheKeysThereIsNoEndpoint() {
        web.withPropertyValues("spring.datasource.url=jdbc:h2:mem:wecom-none;DB_CLOSE_DELAY=-1", "siyu.runtime.threads=1")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WeComCallbackEndpoint.class)
                        .doesNotHaveBean(WeComCallbacks.class));
    }

    @Test
    void anApplicationThatIsNotAWebApplicationGetsNoEndpoint() {
        new ApplicationContextRunner().withConfiguration(CONFIGS).withBean(TaskSender.class, () -> task -> { })
                .withPropertyValues(KEYS).run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(WeComCallbackEndpoint.class).hasSingleBean(WeComCallbacks.class));
    }

    @Test
    void aSecretAddsTheClientAndTheActionsAndTheSenderOnlyWhenTheApplicationHasNone() {
        web.withPropertyValues(KEYS).withPropertyValues("siyu.wecom.secret=s").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WeComClient.class).hasSingleBean(WeComActions.class);
            assertThat(context).doesNotHaveBean(WeComTaskSender.class);
        });
        new WebApplicationContextRunner().withConfiguration(CONFIGS).withPropertyValues(KEYS)
                .withPropertyValues("siyu.wecom.secret=s", "spring.datasource.url=jdbc:h2:mem:wecom-sender;DB_CLOSE_DELAY=-1")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WeComTaskSender.class));
    }
}
