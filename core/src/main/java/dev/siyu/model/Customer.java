package dev.siyu.model;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A customer as the host stores it (CONTRACT.md "Customer"). Only {@code id} is required;
 * a customer handed in without engagement, stage or tier starts as
 * {@link Engagement#SILENT}, {@link Stage#INTRODUCTION}, {@link Tier#REGULAR}.
 * {@link #memory()} is maintained by the engine: hosts store it and hand it back unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public record Customer(
        String id,
        Optional<String> name,
        Optional<String> source,
        Optional<String> owner,
        Optional<ZoneId> zone,
        Optional<OffsetDateTime> addedAt,
        Map<String, String> attributes,
        List<Tag> tags,
        Engagement engagement,
        Stage stage,
        Tier tier,
        Memory memory) {

    public Customer {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("customer id must not be blank");
        }
        name = orEmpty(name);
        source = orEmpty(source);
        owner = orEmpty(owner);
        zone = orEmpty(zone);
        addedAt = orEmpty(addedAt);
        attributes = SortedSnapshot.of(attributes); // a snapshot is kept, not copied
        tags = tags == null ? List.of() : List.copyOf(tags);
        engagement = engagement == null ? Engagement.SILENT : engagement;
        stage = stage == null ? Stage.INTRODUCTION : stage;
        tier = tier == null ? Tier.REGULAR : tier;
        memory = memory == null ? Memory.EMPTY : memory;
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** A customer with only an id, as a new friend is handed in. */
    public static Customer of(String id) {
        return builder(id).build();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder pre-filled with this customer's values. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.name = name.orElse(null);
        b.source = source.orElse(null);
        b.owner = owner.orElse(null);
        b.zone = zone.orElse(null);
        b.addedAt = addedAt.orElse(null);
        b.attributes = new TreeMap<>(attributes);
        b.tags = tags;
        b.engagement = engagement;
        b.stage = stage;
        b.tier = tier;
        b.memory = memory;
        return b;
    }

    /** The value of attribute {@code key}, if present. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /**
     * Builds {@link Customer} values.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private String name;
        private String source;
        private String owner;
        private ZoneId zone;
        private OffsetDateTime addedAt;
        private Map<String, String> attributes = new TreeMap<>();
        private List<Tag> tags = List.of();
        private Engagement engagement;
        private Stage stage;
        private Tier tier;
        private Memory memory;

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder source(String value) { this.source = value; return this; }
        public Builder owner(String value) { this.owner = value; return this; }
        public Builder zone(ZoneId value) { this.zone = value; return this; }
        public Builder addedAt(OffsetDateTime value) { this.addedAt = value; return this; }
        public Builder attribute(String key, String value) { this.attributes.put(key, value); return this; }
        public Builder attributes(Map<String, String> value) { this.attributes = new TreeMap<>(value); return this; }
        public Builder tags(List<Tag> value) { this.tags = List.copyOf(value); return this; }
        public Builder engagement(Engagement value) { this.engagement = value; return this; }
        public Builder stage(Stage value) { this.stage = value; return this; }
        public Builder tier(Tier value) { this.tier = value; return this; }
        public Builder memory(Memory value) { this.memory = value; return this; }

        public Customer build() {
            return new Customer(id, Optional.ofNullable(name), Optional.ofNullable(source),
                    Optional.ofNullable(owner), Optional.ofNullable(zone), Optional.ofNullable(addedAt),
                    attributes, tags, engagement, stage, tier, memory);
        }
    }
}
