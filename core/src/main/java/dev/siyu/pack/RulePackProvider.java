package dev.siyu.pack;

/**
 * Supplies a rule pack found through {@link java.util.ServiceLoader}: this is how
 * {@link RulePack#defaults()} finds the default playbook of {@code dev.siyu:siyu-rules}
 * without {@code siyu-core} depending on it.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RulePackProvider {
    /** The pack's name, e.g. {@code default}. */
    String name();

    /** The pack. */
    RulePack pack();
}
