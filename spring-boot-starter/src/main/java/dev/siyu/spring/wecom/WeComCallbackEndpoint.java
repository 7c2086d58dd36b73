package dev.siyu.spring.wecom;

import dev.siyu.error.InputException;
import dev.siyu.runtime.Ingested;
import dev.siyu.runtime.SiyuRuntime;
import dev.siyu.wecom.Callback;
import dev.siyu.wecom.CallbackRefused;
import dev.siyu.wecom.WeComCallbacks;
import dev.siyu.wecom.WeComEvent;
import dev.siyu.wecom.WelcomeCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Objects;

/**
 * The WeCom callback URL ({@code siyu.wecom.path}): GET answers WeCom's URL verification with the
 * decrypted {@code echostr}; POST checks, decrypts and maps a callback and hands each touchpoint to
 * the runtime's inbox ({@code ingest}, after {@code addCustomer} with the source the State table
 * gives), remembering welcome codes for the task sender. Answers {@code success} once the events are
 * stored (a duplicate or an event the rules refuse included: WeCom must not retry those); a refused
 * callback gets 403 with the reason, an error of ours 500, so WeCom retries.
 *
 * <p>Thread-safe.
 */
@RestController
public class WeComCallbackEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(WeComCallbackEndpoint.class);

    private final WeComCallbacks callbacks;
    private final WelcomeCodes welcomeCodes;
    private final SiyuRuntime runtime;

    public WeComCallbackEndpoint(WeComCallbacks callbacks, WelcomeCodes welcomeCodes, SiyuRuntime runtime) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.welcomeCodes = Objects.requireNonNull(welcomeCodes, "welcomeCodes");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @GetMapping(path = "${siyu.wecom.path:/wecom/callback}", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> verify(@RequestParam("msg_signature") String signature, @RequestParam("timestamp") String timestamp,
                                         @RequestParam("nonce") String nonce, @RequestParam("echostr") String echostr) {
        try {
            return ResponseEntity.ok(callbacks.verifyUrl(signature, timestamp, nonce, echostr));
        } catch (CallbackRefused e) {
            LOG.warn("WeCom URL verification refused: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(e.reason().name());
        }
    }

    @PostMapping(path = "${siyu.wecom.path:/wecom/callback}", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> receive(@RequestParam("msg_signature") String signature, @RequestParam("timestamp") String timestamp,
                                          @RequestParam("nonce") String nonce, @RequestBody String body) {
        List<WeComEvent> events;
        try {
            events = callbacks.receive(new Callback(signature, timestamp, nonce, body));
        } catch (CallbackRefused e) {
            LOG.warn("WeCom callback refused: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(e.reason().name());
        }
        for (WeComEvent event : events) {
            welcomeCodes.remember(event);
            if (event.source().isPresent()) {
                runtime.addCustomer(event.newCustomer());
            }
            try {
                Ingested ingested = runtime.ingest(event.customerId(), event.touchpoint());
                LOG.debug("WeCom {} for {} as {}: {}", event.touchpoint().type(), event.customerId(), event.touchpoint().id(), ingested);
            } catch (InputException e) {
                LOG.warn("WeCom event {} for customer {} refused by the rules: {}", event.touchpoint().id(), event.customerId(),
                        e.getMessage());
            }
        }
        return ResponseEntity.ok("success");
    }
}
