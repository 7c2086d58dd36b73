package dev.siyu.cli;

import dev.siyu.SiyuEngine;
import dev.siyu.pack.RulePack;

import java.nio.file.Path;

/** Builds the engine a command runs: the default playbook, plus an integrator's directory if given. */
final class Engines {
    private Engines() {
    }

    static SiyuEngine build(Path rulesDir) {
        SiyuEngine.Builder builder = SiyuEngine.builder().rules(RulePack.defaults());
        if (rulesDir != null) {
            builder.rules(RulePack.directory(rulesDir));
        }
        return builder.build();
    }
}
