package dev.siyu.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop's back office that embeds Siyu: the starter builds the engine and the runtime on this
 * application's DataSource; the application only provides where due tasks and alerts go
 * ({@link WeComTaskSender}).
 *
 * <p>Thread-safe (Spring application).
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
