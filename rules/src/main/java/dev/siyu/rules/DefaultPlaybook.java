package dev.siyu.rules;

import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackProvider;

/**
 * The default playbook (PLAYBOOK.md) as a rule pack: the files listed in
 * {@code dev/siyu/rules/pack.index}. Found by {@link RulePack#defaults()} through
 * {@link java.util.ServiceLoader}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DefaultPlaybook implements RulePackProvider {
    /** The class-path folder of the default pack's files. */
    public static final String LOCATION = "dev/siyu/rules/";

    @Override
    public String name() {
        return "default";
    }

    @Override
    public RulePack pack() {
        return RulePack.classpath("default", DefaultPlaybook.class.getClassLoader(), LOCATION);
    }
}
