/**
 * Proposals: how rule files express every effect. A rule reads the facts of {@code dev.siyu.fact}
 * and inserts proposals ({@link dev.siyu.proposal.TaskProposal}, {@link dev.siyu.proposal.TagProposal},
 * …); the engine resolves them in one documented order after the rules of a round settle
 * (docs/rule-api.md, "After the rules: what the engine decides").
 */
package dev.siyu.proposal;
