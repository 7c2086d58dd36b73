package dev.siyu.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.siyu.action.CustomAction;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a custom action back from a decision, {@code {"type": "<NAME>", <payload fields>..., "rule": ...}}:
 * the type a name as an action catalog declares it ({@code INVITE_TO_GROUP}), every other field a
 * text, in the order written. Which fields a type has is the pack's business, so they are not
 * checked against a catalog. Values are never echoed in errors.
 *
 * <p>Stateless and thread-safe.
 */
final class CustomActionDeserializer extends StdDeserializer<CustomAction> {
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]*");

    CustomActionDeserializer() {
        super(CustomAction.class);
    }

    @Override
    public CustomAction deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            token = p.nextToken();
        }
        String type = null;
        String rule = null;
        Map<String, String> payload = new LinkedHashMap<>();
        for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
            String field = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                return ctxt.reportInputMismatch(CustomAction.class,
                        "wrong type, expected a text for field '%s' of a custom action", field);
            }
            String value = p.getText();
            switch (field) {
                case "type" -> type = value;
                case "rule" -> rule = value;
                default -> {
                    if (!FIELD.matcher(field).matches()) {
                        return ctxt.reportInputMismatch(CustomAction.class,
                                "a custom action's field names are letters and digits starting lower-case, got '%s'", field);
                    }
                    payload.put(field, value);
                }
            }
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            return ctxt.reportInputMismatch(CustomAction.class, "unknown action type (a custom action's type is upper-case "
                    + "letters, digits and _, starting with a letter, e.g. INVITE_TO_GROUP)");
        }
        if (rule == null) {
            return ctxt.reportInputMismatch(CustomAction.class, "missing required field 'rule' of custom action %s", type);
        }
        return new CustomAction(type, payload, rule);
    }
}
