package dev.siyu.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Java developer consuming Siyu relies on: every jar names its module, the BOM lists every
 * published artifact at the build's version, and the README's dependency section is the one the
 * host project in {@code examples/consumer} builds with (.ci/run builds it).
 */
class BuildMetadataTest {
    private static final Path ROOT = Path.of("..");
    /** Modules that are not published for hosts: no BOM entry. */
    private static final List<String> NOT_FOR_HOSTS = List.of("bom", "examples", "benchmarks", "examples/spring-boot-sample");

    @Test
    void everyJarModuleNamesItsAutomaticModule() throws IOException {
        for (String module : modules()) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            if (pom.contains("<packaging>pom</packaging>")) {
                continue;
            }
            assertThat(pom).as(module + "/pom.xml").containsPattern("<siyu.module.name>dev\\.siyu\\.[a-z][a-z.]*</siyu.module.name>");
        }
    }

    @Test
    void theBomListsEveryPublishedArtifactAtTheBuildsVersion() throws IOException {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        List<String> published = new ArrayList<>();
        for (String module : modules()) {
            if (!NOT_FOR_HOSTS.contains(module)) {
                published.add(artifactId(Files.readString(ROOT.resolve(module).resolve("pom.xml"))));
            }
        }
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("<artifactId>(siyu-[^<]+)</artifactId>").matcher(
                bom.substring(bom.indexOf("<dependencyManagement>")));
        while (m.find()) {
            listed.add(m.group(1));
        }

        assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
        assertThat(version(bom)).isEqualTo(version(Files.readString(ROOT.resolve("pom.xml"))));
    }

    @Test
    void theReadmesDependencySectionIsTheConsumersAsWritten() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("```xml\\n(  <dependencyManagement>.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("the README's dependency section").isTrue();

        assertThat(Files.readString(ROOT.resolve("examples/consumer/pom.xml"))).contains(block.group(1));
        assertThat(readme).contains("./mvnw -B install -DskipTests");
        assertThat(Files.readString(ROOT.resolve(".ci/run")))
                .contains("./mvnw -B -q install -DskipTests", "-f examples/consumer/pom.xml verify");
    }

    private static List<String> modules() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    private static String artifactId(String pom) {
        Matcher m = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String version(String pom) {
        Matcher m = Pattern.compile("<artifactId>siyu-(?:parent|bom)</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
