package dev.siyu.pack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePackTest {

    @Test
    void aDirectoryPackHoldsEveryDrlBelowItSortedByPath(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/second.drl"), "package b;");
        Files.writeString(dir.resolve("a.drl"), "package a;");
        Files.writeString(dir.resolve("notes.txt"), "not a rule file");

        RulePack pack = RulePack.directory(dir);

        assertThat(pack.resources()).extracting(RuleResource::path).containsExactly("a.drl", "b/second.drl");
        assertThat(pack.location()).isEqualTo(dir + "/");
    }

    @Test
    void aMissingDirectoryIsRefusedByName(@TempDir Path dir) {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> RulePack.directory(missing))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining(missing + ":0:0: not a directory");
    }

    @Test
    void aDirectoryWithoutRuleFilesIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> RulePack.directory(dir))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("no rule file (*.drl, *.drl.csv, *.drl.xlsx) in this directory");
    }

    @Test
    void aClasspathPackReadsTheFilesItsIndexLists(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("acme/rules"));
        Files.writeString(dir.resolve("acme/rules/pack.index"), "# acme\n\nfirst.drl\n  second.drl  \n");
        Files.writeString(dir.resolve("acme/rules/first.drl"), "package first;");
        Files.writeString(dir.resolve("acme/rules/second.drl"), "package second;");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            RulePack pack = RulePack.classpath("acme", loader, "acme/rules/");

            assertThat(pack.resources()).extracting(RuleResource::path).containsExactly("first.drl", "second.drl");
            assertThat(pack.location()).isEqualTo("acme/rules/");
        }
    }

    @Test
    void aClasspathPackNamesTheIndexLineOfAMissingFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("acme/rules"));
        Files.writeString(dir.resolve("acme/rules/pack.index"), "first.drl\ngone.drl\n");
        Files.writeString(dir.resolve("acme/rules/first.drl"), "package first;");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> RulePack.classpath("acme", loader, "acme/rules/"))
                    .isInstanceOf(RulePackException.class)
                    .hasMessageContaining("acme/rules/pack.index:2:1: listed file 'gone.drl' not found");
        }
    }

    @Test
    void withoutTheRulesModuleTheDefaultPackExplainsWhatToAdd() {
        assertThatThrownBy(RulePack::defaults)
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("add the dependency dev.siyu:siyu-rules");
    }
}
