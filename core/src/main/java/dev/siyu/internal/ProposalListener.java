package dev.siyu.internal;

import dev.siyu.pack.ActionCatalog;
import dev.siyu.proposal.ActionProposal;
import dev.siyu.fact.Proposal;
import dev.siyu.proposal.TagProposal;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every {@link Proposal} a rule inserts, with the rule that inserted it (from the
 * insertion event: rule files never name themselves) and the pass it came in, and forgets it when
 * it is deleted (a logical proposal whose conditions stopped holding, or the end of its round). A
 * proposal for a customer the session does not hold, a tag of a group no catalog has, or a custom
 * action no catalog declares is refused in the inserting rule, which then fails for its customer.
 *
 * <p>Not thread-safe: one per session run.
 */
final class ProposalListener implements RuleRuntimeEventListener {

    /** A live proposal: what, by which rule, in which pass of its round. */
    record Entry(Proposal proposal, String rule, int pass) { }

    private final Map<String, ProfileFact> profiles = new HashMap<>();
    /** Live proposals by customer, made on a customer's first proposal. */
    private final Map<String, Map<FactHandle, Entry>> live = new HashMap<>();
    /** The handles {@link #deleteAll} deletes, reused round after round. */
    private final List<FactHandle> handles = new ArrayList<>();
    private final ActionCatalog actions;
    private int pass;
    /** Customers whose proposals or profile changed since {@link #clearTouched}. */
    private final java.util.Set<String> touched = new java.util.HashSet<>();

    ProposalListener(ActionCatalog actions) {
        this.actions = actions;
    }

    void add(ProfileFact profile) {
        profiles.put(profile.getCustomerId(), profile);
    }

    /** The pass the next insertions belong to. */
    void pass(int value) {
        pass = value;
    }

    /** The live proposals of {@code customerId}, in insertion order. */
    Collection<Entry> live(String customerId) {
        Map<FactHandle, Entry> entries = live.get(customerId);
        return entries == null ? List.of() : entries.values();
    }

    /**
     * {@code true} when a proposal of {@code customerId} was inserted, changed or deleted, or the
     * customer's profile was updated, since the last {@link #clearTouched}: otherwise resolving the
     * customer again would find what it found then.
     */
    boolean touched(String customerId) {
        return touched.contains(customerId);
    }

    void clearTouched() {
        touched.clear();
    }

    /** Deletes every live proposal of the session (the end of a round). */
    void deleteAll(KieSession session) {
        for (String customerId : profiles.keySet()) { // the order the engine always deleted them in
            Map<FactHandle, Entry> entries = live.get(customerId);
            if (entries != null) {
                handles.addAll(entries.keySet());
            }
        }
        for (int i = 0; i < handles.size(); i++) {
            FactHandle handle = handles.get(i);
            if (session.getObject(handle) != null) {
                session.delete(handle);
            }
        }
        handles.clear();
        live.values().forEach(Map::clear); // logical ones may have gone with an earlier deletion
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Proposal proposal) {
            String rule = event.getRule() == null ? RuleTracker.ENGINE : event.getRule().getName();
            ProfileFact profile = profiles.get(proposal.getCustomerId());
            if (profile == null) {
                throw new IllegalArgumentException(proposal.getClass().getSimpleName() + " for customer '"
                        + proposal.getCustomerId() + "', who is not being evaluated: take the customer id from the facts"
                        + " the rule matched");
            }
            check(proposal, profile);
            touched.add(proposal.getCustomerId());
            live.computeIfAbsent(proposal.getCustomerId(), id -> new LinkedHashMap<>())
                    .put(event.getFactHandle(), new Entry(proposal, rule, pass));
        }
    }

    private void check(Proposal proposal, ProfileFact profile) {
        if (proposal instanceof TagProposal tag) {
            profile.checkTagGroup(tag.getTag());
        } else if (proposal instanceof ActionProposal action) {
            List<String> fields = actions.fields(action.getType()).orElseThrow(() -> new IllegalArgumentException(
                    "action type '" + action.getType() + "' is not in an action catalog (*" + ActionCatalog.SUFFIX + ")"));
            for (String field : action.getPayload().keySet()) {
                if (!fields.contains(field)) {
                    throw new IllegalArgumentException("action type '" + action.getType() + "' has no payload field '"
                            + field + "' (its fields: " + String.join(", ", fields) + ")");
                }
            }
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        if (event.getObject() instanceof ProfileFact profile) {
            touched.add(profile.getCustomerId());
        } else if (event.getOldObject() instanceof Proposal old) {
            touched.add(old.getCustomerId());
            if (event.getObject() instanceof Proposal changed) {
                touched.add(changed.getCustomerId());
            }
            Map<FactHandle, Entry> entries = live.get(old.getCustomerId());
            Entry entry = entries == null ? null : entries.remove(event.getFactHandle());
            if (event.getObject() instanceof Proposal proposal && entry != null) {
                check(proposal, profiles.get(old.getCustomerId()));
                (profiles.containsKey(proposal.getCustomerId())
                        ? live.computeIfAbsent(proposal.getCustomerId(), id -> new LinkedHashMap<>())
                        : live.get(proposal.getCustomerId())).put(event.getFactHandle(), new Entry(proposal, entry.rule(), pass));
            }
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (event.getOldObject() instanceof Proposal proposal) {
            touched.add(proposal.getCustomerId());
            Map<FactHandle, Entry> entries = live.get(proposal.getCustomerId());
            if (entries != null) {
                entries.remove(event.getFactHandle());
            }
        }
    }
}
