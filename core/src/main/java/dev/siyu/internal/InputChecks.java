package dev.siyu.internal;

import dev.siyu.error.InputException;
import dev.siyu.fact.Tiers;
import dev.siyu.model.Customer;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.EventTypeCatalog;
import dev.siyu.pack.TaskKindCatalog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of an input that depend on the packs' catalogs, made before anything changes (after
 * the pack-independent ones of {@link Evaluator#validate}): the customer's tier must be one a tier
 * catalog declares, and an event of a type an event-type catalog declares must carry its required
 * attributes, each attribute of the type it declares (a task kind must be one a task-kind catalog
 * declares). An event of an undeclared type is not checked. Messages name the customer, the event
 * and the attribute, never the value.
 *
 * <p>Immutable and thread-safe.
 */
final class InputChecks {
    private static final Pattern DAYS = Pattern.compile("[0-9]{1,4}");

    private final TaskKindCatalog kinds;
    private final Tiers tiers;
    private final EventTypeCatalog eventTypes;

    InputChecks(TaskKindCatalog kinds, Tiers tiers, EventTypeCatalog eventTypes) {
        this.kinds = kinds;
        this.tiers = tiers;
        this.eventTypes = eventTypes;
    }

    /** @throws InputException for the first value the catalogs refuse */
    void check(Customer customer, List<Touchpoint> events) {
        if (!tiers.declares(customer.tier())) {
            throw InputException.forCustomer(customer.id(), "tier must be one a tier catalog declares "
                    + tiers.names() + " (got a text of " + customer.tier().name().length() + " characters)");
        }
        for (Touchpoint event : events) {
            Optional<EventTypeCatalog.Declaration> declared = eventTypes.declaration(event.type());
            if (declared.isEmpty()) {
                continue;
            }
            for (EventTypeCatalog.Attribute attribute : declared.get().attributes()) {
                Optional<String> value = event.attribute(attribute.name()).filter(v -> !v.isBlank());
                if (value.isEmpty()) {
                    if (attribute.required()) {
                        throw InputException.forEvent(customer.id(), event.id(), event.type() + " needs attribute '"
                                + attribute.name() + "'");
                    }
                    continue;
                }
                if (!holds(attribute.type(), value.get())) {
                    throw InputException.forEvent(customer.id(), event.id(), "attribute '" + attribute.name() + "' of "
                            + event.type() + " must be " + attribute.type().description() + " (got a text of "
                            + value.get().length() + " characters)");
                }
            }
        }
    }

    private boolean holds(EventTypeCatalog.AttributeType type, String value) {
        return switch (type) {
            case TEXT -> true;
            case MONEY -> {
                try {
                    Money.of(value);
                    yield true;
                } catch (IllegalArgumentException e) {
                    yield false;
                }
            }
            case DAYS -> {
                String digits = value.strip();
                int days = DAYS.matcher(digits).matches() ? Integer.parseInt(digits) : 0;
                yield days >= 1 && days <= OrderRecord.MAX_CYCLE_DAYS;
            }
            case TASK_KIND -> TaskKind.isValidName(value) && (kinds.isEmpty() || kinds.declares(TaskKind.valueOf(value)));
        };
    }
}
