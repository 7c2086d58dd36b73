package dev.siyu.script;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.siyu.error.SiyuException;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.RuleResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scripts (话术, PLAYBOOK §11): templates by id and locale, rendered with Mustache
 * ({@code {{name}}}). Catalog files {@code *.scripts.json} hold
 * <pre>{@code {"locale": "zh-CN", "defaults": {"name": "亲", ...}, "names": {"SPRING_FESTIVAL": "春节"},
 *  "scripts": {"greeting.precise": "{{name}}您好…"}}}</pre>
 * Catalogs of later packs override scripts, defaults and names per locale. {@code defaults} give
 * the value of a variable the customer or the engine does not provide (no {@code name}: 亲);
 * {@code names} turn the codes rules pass (a holiday, a solar term) into words of the locale.
 * A template that uses a variable nobody provides fails the catalog's loading.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScriptCatalog {
    /** The file suffix of script catalogs. */
    public static final String SUFFIX = ".scripts.json";

    /** Reads catalogs as SiyuJson's mapper reads input: duplicate keys refused, errors without the source text. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** The locale of customers who have none, and the fallback for scripts missing in a locale. */
    public static final String DEFAULT_LOCALE = "zh-CN";

    /** The variables customers, the engine configuration and the rules provide. */
    public static final Set<String> VARIABLES = Set.of("name", "owner", "shop", "coupon", "product", "holiday", "term");

    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).strictSections(true);

    private final Map<String, Locale> locales;

    private record Locale(Map<String, Template> scripts, Map<String, String> defaults, Map<String, String> names) { }

    private ScriptCatalog(Map<String, Locale> locales) {
        this.locales = Map.copyOf(locales);
    }

    /** A catalog with no script: tasks carry their script id and no text. */
    public static ScriptCatalog empty() {
        return new ScriptCatalog(Map.of());
    }

    /**
     * Merges the catalogs of the packs in layer order.
     *
     * @throws RulePackException listing every problem (malformed file, unknown variable) with file and line
     */
    public static ScriptCatalog of(List<RulePack> packs) {
        Map<String, Map<String, Template>> scripts = new TreeMap<>();
        Map<String, Map<String, String>> defaults = new TreeMap<>();
        Map<String, Map<String, String>> names = new TreeMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource resource : pack.resources()) {
                if (resource.path().endsWith(SUFFIX)) {
                    read(pack.location() + resource.path(), resource.content(), scripts, defaults, names, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RulePackException("script catalog", problems);
        }
        Map<String, Locale> locales = new HashMap<>();
        for (String locale : scripts.keySet()) {
            locales.put(locale, new Locale(Map.copyOf(scripts.get(locale)),
                    Map.copyOf(defaults.getOrDefault(locale, Map.of())), Map.copyOf(names.getOrDefault(locale, Map.of()))));
        }
        return new ScriptCatalog(locales);
    }

    private static void read(String file, byte[] content, Map<String, Map<String, Template>> scripts,
                             Map<String, Map<String, String>> defaults, Map<String, Map<String, String>> names,
                             List<Diagnostic> problems) {
        String locale = null;
        Map<String, String> fileDefaults = new TreeMap<>();
        Map<String, String> fileNames = new TreeMap<>();
        Map<String, String> texts = new TreeMap<>();
        Map<String, int[]> where = new HashMap<>();
        try (JsonParser parser = JSON.createParser(new String(content, StandardCharsets.UTF_8))) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, parser, file);
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                int line = parser.currentTokenLocation().getLineNr();
                switch (field) {
                    case "locale" -> {
                        expect(parser.nextToken(), JsonToken.VALUE_STRING, parser, file);
                        locale = parser.getText();
                    }
                    case "defaults" -> readTexts(parser, file, fileDefaults, null);
                    case "names" -> readTexts(parser, file, fileNames, null);
                    case "scripts" -> readTexts(parser, file, texts, where);
                    default -> throw new SiyuException(file + ":" + line + ": unknown field '" + field
                            + "' (known: locale, defaults, names, scripts)");
                }
            }
        } catch (IOException | SiyuException e) {
            problems.add(new Diagnostic(file, 0, 0, "unreadable script catalog: " + e.getMessage()));
            return;
        }
        if (locale == null || locale.isBlank()) {
            problems.add(new Diagnostic(file, 1, 1, "a script catalog needs a \"locale\" such as zh-CN or en"));
            return;
        }
        Set<String> known = new TreeSet<>(VARIABLES);
        known.addAll(fileDefaults.keySet());
        known.addAll(defaults.getOrDefault(locale, Map.of()).keySet());
        Map<String, Template> compiled = scripts.computeIfAbsent(locale, l -> new TreeMap<>());
        for (Map.Entry<String, String> script : texts.entrySet()) {
            int[] position = where.get(script.getKey());
            try {
                Template template = COMPILER.compile(script.getValue());
                Set<String> unknown = new LinkedHashSet<>();
                template.visit(new Mustache.Visitor() {
                    @Override public void visitText(String text) { }
                    @Override public void visitVariable(String name) {
                        if (!known.contains(name)) {
                            unknown.add(name);
                        }
                    }
                    @Override public boolean visitInclude(String name) { unknown.add(">" + name); return false; }
                    @Override public boolean visitSection(String name) { unknown.add("#" + name); return false; }
                    @Override public boolean visitInvertedSection(String name) { unknown.add("^" + name); return false; }
                });
                if (unknown.isEmpty()) {
                    compiled.put(script.getKey(), template);
                } else {
                    problems.add(new Diagnostic(file, position[0], position[1], "script '" + script.getKey()
                            + "' uses " + String.join(", ", unknown) + ", which nobody provides (variables: "
                            + String.join(", ", known) + ")"));
                }
            } catch (MustacheException e) {
                problems.add(new Diagnostic(file, position[0], position[1], "script '" + script.getKey()
                        + "' is not a valid template: " + e.getMessage()));
            }
        }
        defaults.computeIfAbsent(locale, l -> new TreeMap<>()).putAll(fileDefaults);
        names.computeIfAbsent(locale, l -> new TreeMap<>()).putAll(fileNames);
    }

    private static void readTexts(JsonParser parser, String file, Map<String, String> into, Map<String, int[]> where)
            throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, parser, file);
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            int line = parser.currentTokenLocation().getLineNr();
            int column = parser.currentTokenLocation().getColumnNr();
            expect(parser.nextToken(), JsonToken.VALUE_STRING, parser, file);
            into.put(key, parser.getText());
            if (where != null) {
                where.put(key, new int[] {line, column});
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser parser, String file) {
        if (actual != expected) {
            throw new SiyuException(file + ":" + parser.currentTokenLocation().getLineNr() + ": expected "
                    + (expected == JsonToken.START_OBJECT ? "an object" : "a text") + ", got " + actual);
        }
    }

    /** {@code true} when no catalog was given. */
    public boolean isEmpty() {
        return locales.isEmpty();
    }

    /** {@code true} when {@code scriptId} exists in some locale (or no catalog was given). */
    public boolean knows(String scriptId) {
        return locales.isEmpty() || locales.values().stream().anyMatch(l -> l.scripts().containsKey(scriptId));
    }

    /** The script ids of a locale, sorted. */
    public Set<String> scriptIds(String locale) {
        Locale l = locales.get(locale);
        return l == null ? Set.of() : new TreeSet<>(l.scripts().keySet());
    }

    /** The locales, sorted. */
    public Set<String> locales() {
        return new TreeSet<>(locales.keySet());
    }

    /**
     * Renders {@code scriptId} for a customer of {@code locale} (falling back to zh-CN when the
     * locale or the script in it is missing). {@code values} win over the catalog's defaults;
     * values that are codes in the catalog's {@code names} become the locale's words.
     *
     * @return empty when there is no catalog at all
     * @throws SiyuException when the script is unknown
     */
    public Optional<String> render(String scriptId, String locale, Map<String, String> values) {
        if (locales.isEmpty()) {
            return Optional.empty();
        }
        Locale chosen = locales.get(locale);
        if (chosen == null || !chosen.scripts().containsKey(scriptId)) {
            chosen = locales.get(DEFAULT_LOCALE);
        }
        if (chosen == null || !chosen.scripts().containsKey(scriptId)) {
            throw new SiyuException("unknown script '" + scriptId + "' (no catalog has it)");
        }
        Map<String, String> context = new HashMap<>(chosen.defaults());
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getValue() != null && !value.getValue().isBlank()) {
                context.put(value.getKey(), chosen.names().getOrDefault(value.getValue(), value.getValue()));
            }
        }
        try {
            return Optional.of(chosen.scripts().get(scriptId).execute(context));
        } catch (MustacheException e) {
            throw new SiyuException("script '" + scriptId + "' (" + locale + ") needs a value nobody gave: " + e.getMessage(), e);
        }
    }
}
