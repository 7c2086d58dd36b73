package dev.siyu.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import dev.siyu.model.Money;

import java.io.IOException;

/**
 * Reads money from a decimal string or a JSON number, exactly (never through a binary float).
 *
 * <p>Stateless and thread-safe.
 */
public final class MoneyDeserializer extends JsonDeserializer<Money> {
    /** Jackson creates it from {@code @JsonDeserialize(using = …)}. */
    public MoneyDeserializer() {
    }

    @Override
    public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                return Money.of(p.getDecimalValue());
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(Money.class, "expected a decimal amount of CNY such as 199.00: the number " + e.getMessage());
            }
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Money.of(p.getText());
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(Money.class, "expected a decimal amount of CNY such as 199.00: the value " + e.getMessage());
            }
        }
        return (Money) ctxt.handleUnexpectedToken(Money.class, p);
    }
}
