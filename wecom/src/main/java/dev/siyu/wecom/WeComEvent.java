package dev.siyu.wecom;

import dev.siyu.EvaluationRequest;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One touchpoint a WeCom callback maps to, with the customer it is about (the external contact's
 * {@code ExternalUserID}) and, on a new friend, the acquisition source the {@code State} maps to.
 *
 * <p>Immutable and thread-safe.
 */
public record WeComEvent(String customerId, Optional<String> source, Touchpoint touchpoint) {
    public WeComEvent {
        Objects.requireNonNull(customerId, "customerId");
        source = source == null ? Optional.empty() : source;
        Objects.requireNonNull(touchpoint, "touchpoint");
    }

    /** A new customer as the host would hand it to the runtime's {@code addCustomer}: id and source. */
    public Customer newCustomer() {
        Customer.Builder builder = Customer.builder(customerId);
        source.ifPresent(builder::source);
        return builder.build();
    }

    /** The {@code siyu evaluate} input line this event is: a new customer and the one event. */
    public EvaluationRequest toRequest() {
        return new EvaluationRequest(newCustomer(), List.of(touchpoint));
    }
}
