package dev.siyu.fact;

import dev.siyu.model.Stage;

import java.util.Objects;

/**
 * "This stage holds for this customer", proposed by a lifecycle rule with a rank: of the proposals
 * live when a pass of the rules settles, the one with the lowest rank wins (PLAYBOOK §3, "the first
 * that holds wins"; equal ranks: the rule whose name sorts first). Rules insert proposals with
 * {@code insertLogical} so that they disappear when their conditions stop holding. The engine
 * records the proposing rule, which the STAGE_CHANGED action reports.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class StageProposal implements Proposal {
    private final String customerId;
    private final Stage stage;
    private final int rank;
    private final String rule;

    public StageProposal(String customerId, Stage stage, int rank) {
        this(customerId, stage, rank, "");
    }

    /**
     * @deprecated the engine records the proposing rule: use {@link #StageProposal(String, Stage, int)}.
     *             {@code rule} is kept for {@link #getRule()} and ignored by the engine.
     */
    @Deprecated
    public StageProposal(String customerId, Stage stage, int rank, String rule) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.rank = rank;
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public Stage getStage() {
        return stage;
    }

    public int getRank() {
        return rank;
    }

    /** The rule name given to the deprecated constructor, or {@code ""}. */
    public String getRule() {
        return rule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageProposal other && rank == other.rank && customerId.equals(other.customerId)
                && stage == other.stage && rule.equals(other.rule);
    }

    @Override
    public int hashCode() {
        // Objects.hash's value, without its array: the truth-maintenance system hashes every logical proposal
        return ((31 * (31 * (31 * 31 + customerId.hashCode()) + stage.hashCode()) + Integer.hashCode(rank)) * 31) + rule.hashCode();
    }

    @Override
    public String toString() {
        return "StageProposal[" + customerId + " " + stage + " rank " + rank + "]";
    }
}
