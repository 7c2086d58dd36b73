package dev.siyu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's module descriptor, read from the built classes (the tests run on the class path, where the
 * descriptor is ignored): it exports exactly the API packages docs/architecture.md lists, never
 * {@code dev.siyu.internal}, and opens nothing.
 */
class ModuleDescriptorTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");
    /** A row of the doc's table of exported packages: "| `dev.siyu.x` | ... |". */
    private static final Pattern EXPORTED_ROW = Pattern.compile("^\\| `(dev\\.siyu[\\w.]*)` \\|", Pattern.MULTILINE);

    static final Set<String> API_PACKAGES = Set.of("dev.siyu", "dev.siyu.action", "dev.siyu.error", "dev.siyu.fact",
            "dev.siyu.json", "dev.siyu.model", "dev.siyu.pack", "dev.siyu.proposal", "dev.siyu.scenario",
            "dev.siyu.schedule", "dev.siyu.script", "dev.siyu.sop");

    @Test
    void theModuleExportsTheApiPackagesAndNotTheInternalOne() {
        ModuleDescriptor module = descriptor();

        assertThat(module.name()).isEqualTo("dev.siyu.core");
        assertThat(module.exports()).allSatisfy(export -> assertThat(export.isQualified()).as(export.source()).isFalse());
        assertThat(exported(module)).containsExactlyInAnyOrderElementsOf(API_PACKAGES).doesNotContain("dev.siyu.internal");
        assertThat(module.packages()).contains("dev.siyu.internal");
    }

    @Test
    void theModuleOpensNothingToReflection() {
        ModuleDescriptor module = descriptor();

        assertThat(module.isOpen()).isFalse();
        assertThat(module.opens()).isEmpty();
    }

    @Test
    void theModuleLooksUpRulePackProvidersAsAServiceLoaderNeedsOnTheModulePath() {
        assertThat(descriptor().uses()).containsExactly("dev.siyu.pack.RulePackProvider");
    }

    @Test
    void theArchitectureDocListsTheExportedPackages() throws IOException {
        String doc = Files.readString(ARCHITECTURE, StandardCharsets.UTF_8);
        Set<String> listed = new TreeSet<>();
        Matcher row = EXPORTED_ROW.matcher(doc.substring(doc.indexOf("## Modules")));
        while (row.find()) {
            listed.add(row.group(1));
        }

        assertThat(listed).containsExactlyInAnyOrderElementsOf(exported(descriptor()));
    }

    @Test
    void everyPackageOfCoreIsExportedButTheInternalOne() {
        Set<String> notExported = new TreeSet<>(descriptor().packages());
        notExported.removeAll(API_PACKAGES);

        assertThat(notExported).containsExactly("dev.siyu.internal");
        assertThat(PackageDependenciesTest.LAYERS).containsExactlyInAnyOrderElementsOf(descriptor().packages());
    }

    private static Set<String> exported(ModuleDescriptor module) {
        return module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The descriptor of the exploded module in target/classes, its packages those of the classes there. */
    private static ModuleDescriptor descriptor() {
        assertThat(CLASSES.resolve("module-info.class")).as("built by the compiler from src/main/java/module-info.java")
                .exists();
        return ModuleFinder.of(CLASSES).findAll().stream().map(ModuleReference::descriptor).findFirst().orElseThrow();
    }
}
