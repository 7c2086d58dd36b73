package dev.siyu.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.siyu.model.ArchivedOrders;
import dev.siyu.model.Customer;
import dev.siyu.model.Memory;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.PendingTask;
import dev.siyu.model.SentTask;
import dev.siyu.model.Tag;
import dev.siyu.model.Touchpoint;
import dev.siyu.model.TouchpointStats;
import dev.siyu.model.Watch;

import java.util.Map;

/**
 * How the model's values look on the wire (the field order, what is left out when empty, which
 * values are written as text): Jackson mix-ins, so that {@code dev.siyu.model} needs neither Jackson
 * nor this package. The order of each {@code @JsonPropertyOrder} is the contract's.
 */
final class ModelMixIns {
    private ModelMixIns() {
    }

    /** Registers every mix-in of the model on {@code builder}. */
    static JsonMapper.Builder register(JsonMapper.Builder builder) {
        return builder
                .addMixIn(ArchivedOrders.class, ArchivedOrdersMixIn.class)
                .addMixIn(Customer.class, CustomerMixIn.class)
                .addMixIn(Memory.class, MemoryMixIn.class)
                .addMixIn(Money.class, MoneyMixIn.class)
                .addMixIn(OrderRecord.class, OrderRecordMixIn.class)
                .addMixIn(PendingTask.class, PendingTaskMixIn.class)
                .addMixIn(SentTask.class, SentTaskMixIn.class)
                .addMixIn(Tag.class, TagMixIn.class)
                .addMixIn(Touchpoint.class, TouchpointMixIn.class)
                .addMixIn(TouchpointStats.class, TouchpointStatsMixIn.class)
                .addMixIn(Watch.class, WatchMixIn.class);
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"paidCount", "firstPaidAt"})
    abstract static class ArchivedOrdersMixIn {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "name", "source", "owner", "zone", "addedAt", "attributes", "tags",
            "engagement", "stage", "tier", "memory"})
    abstract static class CustomerMixIn {
        @JsonDeserialize(using = ScalarMapDeserializer.class)
        abstract Map<String, String> attributes();
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"orders", "archivedOrders", "touchpoints", "followers", "pendingTasks", "sentTasks", "watches",
            "processedEvents", "marks", "horizon"})
    abstract static class MemoryMixIn {
    }

    /** Money is a decimal string, read by {@link MoneyDeserializer}. */
    @JsonDeserialize(using = MoneyDeserializer.class)
    abstract static class MoneyMixIn {
        @JsonValue
        @Override
        public abstract String toString();
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"orderId", "eventId", "at", "amount", "channel", "product", "productCycleDays",
            "productKind", "refundedAt"})
    abstract static class OrderRecordMixIn {
        @JsonIgnore
        abstract boolean isPaid();
    }

    /**
     * A pending task is written as the {@code TASK} action that placed it: {@code "type": "TASK"}
     * first, then the action's fields in its order; any other type is refused when read.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonTypeName("TASK")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"key", "kind", "script", "dueAt", "owner", "channel", "text", "rule"})
    abstract static class PendingTaskMixIn {
        @JsonIgnore
        abstract boolean isPendingAt(java.time.OffsetDateTime time);
    }

    @JsonPropertyOrder({"key", "kind", "dueAt"})
    abstract static class SentTaskMixIn {
    }

    /** A tag is its text, {@code group/dimension/value}. */
    abstract static class TagMixIn {
        @JsonCreator
        static Tag parse(String text) {
            throw new UnsupportedOperationException();
        }

        @JsonValue
        @Override
        public abstract String toString();
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "type", "at", "channel", "attributes"})
    abstract static class TouchpointMixIn {
        @JsonDeserialize(using = ScalarMapDeserializer.class)
        abstract Map<String, String> attributes();
    }

    @JsonPropertyOrder({"first", "last", "count"})
    abstract static class TouchpointStatsMixIn {
    }

    @JsonPropertyOrder({"code", "eventId", "at", "deadline"})
    abstract static class WatchMixIn {
    }
}
