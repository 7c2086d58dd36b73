package dev.siyu.internal;

import dev.siyu.error.SiyuException;
import dev.siyu.model.Customer;
import dev.siyu.pack.OwnerCatalog;
import dev.siyu.script.ScriptCatalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders task and suggestion texts: the script catalog plus the values every text may use —
 * the customer's name, the task's owner, and the shop-level values of the engine configuration.
 *
 * <p>Immutable and thread-safe.
 */
public final class Scripts {
    private final ScriptCatalog catalog;
    private final Map<String, String> shopValues;
    private final OwnerCatalog owners;

    public Scripts(ScriptCatalog catalog, Map<String, String> shopValues) {
        this(catalog, shopValues, OwnerCatalog.empty());
    }

    /** With owner display names: {@code {{owner}}} renders the owner's name from {@code owners}, or its id. */
    public Scripts(ScriptCatalog catalog, Map<String, String> shopValues, OwnerCatalog owners) {
        this.catalog = catalog;
        this.shopValues = Map.copyOf(shopValues);
        this.owners = owners;
    }

    /** {@code "k1", "v1", "k2", "v2"} as a map. */
    static Map<String, String> pairs(String... values) {
        if (values.length % 2 != 0) {
            throw new IllegalArgumentException("script values come in name/value pairs, got " + values.length + " strings");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < values.length; i += 2) {
            map.put(values[i], values[i + 1]);
        }
        return map;
    }

    Optional<String> render(Customer customer, String script, Optional<String> owner, Map<String, String> values,
                            String rule) {
        Map<String, String> context = new HashMap<>(shopValues);
        customer.name().ifPresent(name -> context.put("name", name));
        owner.ifPresent(o -> context.put("owner", owners.displayName(o)));
        context.putAll(values);
        String locale = customer.attribute("locale").filter(l -> !l.isBlank()).orElse(ScriptCatalog.DEFAULT_LOCALE);
        try {
            return catalog.render(script, locale, context);
        } catch (SiyuException e) {
            throw new SiyuException("customer " + customer.id() + ": rule '" + rule + "': " + e.getMessage(), e);
        }
    }
}
