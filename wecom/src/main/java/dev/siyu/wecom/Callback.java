package dev.siyu.wecom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/**
 * One raw WeCom callback as it reaches the callback URL: the query parameters {@code msg_signature},
 * {@code timestamp}, {@code nonce} and the POST body (the encrypted XML envelope). The same shape is
 * one line of {@code siyu wecom decode}'s input.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"msg_signature", "timestamp", "nonce", "body"})
public record Callback(
        @JsonProperty("msg_signature") String msgSignature,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("nonce") String nonce,
        @JsonProperty("body") String body) {

    @JsonCreator
    public Callback {
        Objects.requireNonNull(msgSignature, "msg_signature");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(body, "body");
    }
}
