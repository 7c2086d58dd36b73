package dev.siyu.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siyu.json.SiyuJson;

import java.util.Optional;

/**
 * The JSON of a refused input on the side output: where it came from, whose it is, why it was
 * refused, and the input itself so that it can be corrected and sent again. The reason carries ids
 * only (the engine's messages never hold names or message text); the input is data, not a log.
 *
 * <p>Stateless and thread-safe.
 */
final class Refusals {
    private Refusals() {
    }

    /** A refused line (or event of a line): {@code input} is the refused JSON, or the raw text if it is not JSON. */
    static Emitted refused(long line, Optional<String> customerId, Optional<String> eventId, String reason,
                           String input, long order) {
        ObjectNode node = SiyuJson.mapper().createObjectNode();
        if (line > 0) {
            node.put("line", line);
        }
        customerId.ifPresent(id -> node.put("customerId", id));
        eventId.ifPresent(id -> node.put("eventId", id));
        node.put("reason", reason);
        JsonNode parsed;
        try {
            parsed = SiyuJson.mapper().readTree(input);
        } catch (Exception e) {
            parsed = null;
        }
        if (parsed != null && parsed.isObject()) {
            node.set("input", parsed);
        } else {
            node.put("input", input);
        }
        return new Emitted(String.format("%012d", line), order, SiyuJson.write(node));
    }
}
