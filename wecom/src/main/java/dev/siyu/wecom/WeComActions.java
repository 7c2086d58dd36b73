package dev.siyu.wecom;

import dev.siyu.Decision;
import dev.siyu.action.Action;
import dev.siyu.action.OwnerAssigned;
import me.chanjar.weixin.common.error.WxErrorException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The actions of a decision that are WeCom calls besides tasks: {@code TAG_ADDED} / {@code TAG_REMOVED}
 * → {@code mark_tag} (our tags to corp tag ids through the tag-id map), {@code OWNER_ASSIGNED} with a
 * previous owner → {@code transfer_customer}. For hosts that evaluate with the engine and see the
 * decisions; {@link #requests} lists the bodies without calling WeCom.
 *
 * <p>Immutable and thread-safe.
 */
public final class WeComActions {
    private final WeComClient client;
    private final MappingFile tagIds;

    public WeComActions(WeComClient client, MappingFile tagIds) {
        this.client = Objects.requireNonNull(client, "client");
        this.tagIds = Objects.requireNonNull(tagIds, "tagIds");
    }

    /** The request bodies for one decision, tags first (marked for the owner before any handover). */
    public static List<Object> requests(Decision decision, MappingFile tagIds) {
        String customer = decision.customerId();
        List<Action> actions = decision.actions();
        String owner = actions.stream().filter(OwnerAssigned.class::isInstance).map(OwnerAssigned.class::cast)
                .findFirst().flatMap(OwnerAssigned::from).or(() -> decision.customer().owner()).orElse("");
        List<Object> bodies = new ArrayList<>();
        WeComRequests.markTag(customer, owner, actions, tagIds).ifPresent(bodies::add);
        actions.stream().filter(OwnerAssigned.class::isInstance).map(OwnerAssigned.class::cast)
                .map(a -> WeComRequests.transfer(customer, a)).flatMap(Optional::stream).forEach(bodies::add);
        return List.copyOf(bodies);
    }

    /** Calls WeCom for one decision; returns the customers a transfer was refused for. */
    public List<String> apply(Decision decision) throws WxErrorException {
        List<String> refused = new ArrayList<>();
        for (Object body : requests(decision, tagIds)) {
            if (body instanceof WeComRequests.MarkTag mark) {
                client.markTag(mark);
            } else if (body instanceof WeComRequests.TransferCustomer transfer) {
                refused.addAll(client.transferCustomer(transfer));
            }
        }
        return refused;
    }
}
