package dev.siyu.action;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An action of a type a rule pack declares in an {@code *.actions.csv} catalog (e.g.
 * {@code INVITE_TO_GROUP}), proposed by a rule with its payload. On the wire it is
 * {@code {"type": "<type>", <payload fields>..., "rule": "<rule>"}}, the payload fields in the
 * order the catalog declares them. {@code SiyuJson.readDecision} reads it back (a type none of the
 * built-in ones, every other field a text), so a decision holding one round-trips.
 *
 * <p>Immutable and thread-safe.
 */
@JsonSerialize(using = CustomAction.Writer.class)
public record CustomAction(String type, Map<String, String> payload, String rule) implements Action {
    public CustomAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(payload, "payload")));
    }

    /** The declared type's name, e.g. {@code INVITE_TO_GROUP}. */
    @Override
    public String type() {
        return type;
    }

    /** Writes the action flat, its own type first. */
    static final class Writer extends StdSerializer<CustomAction> {
        Writer() {
            super(CustomAction.class);
        }

        @Override
        public void serialize(CustomAction value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("type", value.type());
            for (Map.Entry<String, String> field : value.payload().entrySet()) {
                gen.writeStringField(field.getKey(), field.getValue());
            }
            gen.writeStringField("rule", value.rule());
            gen.writeEndObject();
        }

        @Override
        public void serializeWithType(CustomAction value, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer typeSer) throws IOException {
            serialize(value, gen, provider); // the type is the action's own, not a subtype name
        }
    }
}
