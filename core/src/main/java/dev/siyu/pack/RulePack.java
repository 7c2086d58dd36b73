package dev.siyu.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * A named set of rule files that an engine is built from: DRL ({@code *.drl}), decision tables
 * ({@code *.drl.csv}, {@code *.drl.xlsx}), tag catalogs ({@code *.tags.csv}), script catalogs
 * ({@code *.scripts.json}) and a {@code disabled-rules.txt}. Packs are layered in the order they are
 * given to the engine builder: a rule file or table of a later pack replaces the one with the same
 * path in an earlier pack; catalogs merge, later entries winning; {@code disabled-rules.txt}
 * switches off rules of any pack by name.
 *
 * <pre>{@code
 * RulePack.defaults()                        // the bundled playbook (needs dev.siyu:siyu-rules)
 * RulePack.directory(Path.of("my-rules"))    // every *.drl below a directory, sorted by path
 * RulePack.classpath("acme", loader, "acme/rules/")  // files listed in acme/rules/pack.index
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RulePack {

    /** The file, relative to a classpath pack's prefix, that lists its files one per line. */
    public static final String INDEX = "pack.index";

    private final String name;
    private final String location;
    private final List<RuleResource> resources;
    private final boolean restricted;

    private RulePack(String name, String location, List<RuleResource> resources) {
        this(name, location, resources, false);
    }

    private RulePack(String name, String location, List<RuleResource> resources, boolean restricted) {
        this.name = Objects.requireNonNull(name, "name");
        this.location = Objects.requireNonNull(location, "location");
        this.resources = List.copyOf(resources);
        this.restricted = restricted;
    }

    /** A pack of in-memory files, e.g. for tests: file path to DRL text, in the given order. */
    public static RulePack of(String name, Map<String, String> files) {
        List<RuleResource> resources = new ArrayList<>();
        new LinkedHashMap<>(files).forEach((path, text) -> resources.add(RuleResource.ofText(path, text)));
        return new RulePack(name, "", resources);
    }

    /** A pack of the given resources. */
    public static RulePack of(String name, List<RuleResource> resources) {
        return new RulePack(name, "", resources);
    }

    /**
     * Every rule file ({@code *.drl}) and decision table ({@code *.drl.csv}, {@code *.drl.xlsx}) below {@code dir}, sorted by relative path; diagnostics name files
     * by that path.
     *
     * @throws RulePackException when the directory does not exist or holds no rule file
     */
    /** {@code true} for the files a directory pack is made of, by name (a path relative to the pack's directory). */
    public static boolean isPackFile(String relative) {
        return relative.endsWith(".drl") || relative.endsWith(".drl.csv") || relative.endsWith(".drl.xlsx") || relative.endsWith(".drl.xls")
                || relative.endsWith(TagCatalog.SUFFIX) || relative.endsWith(SCRIPTS_SUFFIX)
                || relative.endsWith(ContactPolicyFile.SUFFIX) || relative.endsWith(OwnerCatalog.SUFFIX)
                || relative.endsWith(SOP_CSV_SUFFIX) || relative.endsWith(SOP_XLSX_SUFFIX)
                || relative.endsWith(ActionCatalog.SUFFIX)
                || PACK_FILE_SUFFIXES.stream().anyMatch(relative::endsWith)
                || relative.equals(DISABLED_RULES);
    }

    // The script catalog and the SOP tables are read by packages above this one (dev.siyu.script,
    // dev.siyu.sop), whose SUFFIX constants are these.
    static final String SCRIPTS_SUFFIX = ".scripts.json";
    static final String SOP_CSV_SUFFIX = ".sop.csv";
    static final String SOP_XLSX_SUFFIX = ".sop.xlsx";

    /** The suffixes of the vocabulary catalogs and playbook-number files a pack may hold. */
    private static final List<String> PACK_FILE_SUFFIXES = List.of(TaskKindCatalog.SUFFIX, TierCatalog.SUFFIX,
            EventTypeCatalog.SUFFIX, DeletedFriendPolicyFile.SUFFIX, HolidaysFile.SUFFIX);

    public static RulePack directory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        String name = dir.toString();
        if (!Files.isDirectory(dir)) {
            throw new RulePackException("'" + name + "'",
                    List.of(new Diagnostic(name, 0, 0, "not a directory")));
        }
        List<RuleResource> resources = new ArrayList<>();
        List<Path> candidates;
        try (Stream<Path> files = Files.walk(dir)) {
            // only rule-pack files are read: an editor's temp or backup file is never touched
            candidates = files.filter(file -> isPackFile(dir.relativize(file).toString().replace('\\', '/')))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new RulePackException("'" + name + "'", List.of(new Diagnostic(name, 0, 0,
                    "cannot list the directory: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
        for (Path file : candidates) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            try {
                resources.add(new RuleResource(relative, Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                // deleted between listing and reading (an editor saving): it is not part of the pack
            } catch (IOException e) {
                throw new RulePackException("'" + name + "'", List.of(new Diagnostic(relative, 0, 0,
                        "cannot read: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
            }
        }
        if (resources.isEmpty()) {
            throw new RulePackException("'" + name + "'",
                    List.of(new Diagnostic(name, 0, 0, "no rule file (*.drl, *.drl.csv, *.drl.xlsx) in this directory")));
        }
        return new RulePack(name, name.endsWith("/") ? name : name + "/", resources, true);
    }

    /**
     * The files listed, one per line, in {@code prefix + "pack.index"} on the class path of
     * {@code loader} (blank lines and lines starting with {@code #} are skipped).
     *
     * @throws RulePackException when the index or a listed file is missing
     */
    public static RulePack classpath(String name, ClassLoader loader, String prefix) {
        String index = prefix + INDEX;
        List<RuleResource> resources = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        String indexText = readResource(loader, index);
        if (indexText == null) {
            throw new RulePackException("'" + name + "'",
                    List.of(new Diagnostic(index, 0, 0, "pack index not found on the class path")));
        }
        int lineNumber = 0;
        for (String line : indexText.lines().toList()) {
            lineNumber++;
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(prefix + file)) {
                if (in == null) {
                    problems.add(new Diagnostic(index, lineNumber, 1, "listed file '" + file + "' not found"));
                } else {
                    resources.add(new RuleResource(file, in.readAllBytes()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + prefix + file, e);
            }
        }
        if (!problems.isEmpty()) {
            throw new RulePackException("'" + name + "'", problems);
        }
        return new RulePack(name, prefix, resources);
    }

    private static String readResource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * The default playbook, found through {@link RulePackProvider} on the class path.
     *
     * @throws RulePackException when {@code dev.siyu:siyu-rules} is not on the class path
     */
    public static RulePack defaults() {
        for (RulePackProvider provider : ServiceLoader.load(RulePackProvider.class, RulePack.class.getClassLoader())) {
            if ("default".equals(provider.name())) {
                return provider.pack();
            }
        }
        throw new RulePackException("'default'", List.of(new Diagnostic("default", 0, 0,
                "the default playbook is not on the class path: add the dependency dev.siyu:siyu-rules")));
    }

    public String name() {
        return name;
    }

    /** This pack without the files whose paths are in {@code paths} (a later layer replaces them). */
    public RulePack without(java.util.Set<String> paths) {
        return new RulePack(name, location, resources.stream().filter(r -> !paths.contains(r.path())).toList(), restricted);
    }

    /**
     * {@code true} when the pack's rule files are held to restricted mode: they may use only the
     * Siyu model, {@code java.time}, {@code java.math} and {@code java.util}; the system, reflection,
     * I/O, threads and processes are refused at build time. Directory packs are restricted;
     * packs on the class path and in memory are trusted.
     */
    public boolean isRestricted() {
        return restricted;
    }

    /** This pack, trusted: restricted mode switched off (for packs you control). */
    public RulePack trusted() {
        return new RulePack(name, location, resources, false);
    }

    /** This pack in restricted mode. */
    public RulePack restricted() {
        return new RulePack(name, location, resources, true);
    }

    /** The file, in a pack, that lists rules of earlier packs to switch off, one name per line. */
    public static final String DISABLED_RULES = "disabled-rules.txt";

    /**
     * Where the pack's files are, as shown before their paths in diagnostics: a directory
     * ({@code my-rules/}), a class-path prefix ({@code dev/siyu/rules/}) or {@code ""}.
     */
    public String location() {
        return location;
    }

    /** The pack's files in load order. */
    public List<RuleResource> resources() {
        return resources;
    }

    @Override
    public String toString() {
        return "RulePack[" + name + ", " + resources.size() + " files]";
    }
}
