package dev.siyu.benchmarks;

import dev.siyu.model.Customer;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Touchpoint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lean baseline: what deciding the default playbook's customer classification costs in plain
 * Java, on a compact state of its own (times as epoch seconds, money as cents, counters in an array;
 * no engine class: no {@code ProfileFact}, nothing of {@code dev.siyu.internal}, no rule session, no
 * customer record rebuilt per evaluation). It is not a product and covers a part of the playbook
 * only — what the sweep and the first-import and one-event benchmarks exercise:
 *
 * <ul>
 *   <li>engagement (the five ladder rules of {@code engagement.drl}), after every event;</li>
 *   <li>stage (the six rules of {@code lifecycle.drl}: friend deleted, 90 and 30 days without an
 *       inbound event, mature, growing, introduction), at each evaluation's sweep;</li>
 *   <li>tier and owner (the two rows of {@code vip-criteria.drl.csv} over 365 days: spend, paid
 *       orders, membership product; straight to the highest, only up; the tier's desk becomes the owner);</li>
 *   <li>the automatic tags of {@code tags.drl} (source, spend band of 30 days, first order month and
 *       platform, KOC) and the predicted repurchase month of {@code aftersale.drl};</li>
 *   <li>the SLA alerts of {@code sla.drl} (greeting within 30 minutes, reply within 5), raised at the
 *       sweep unless history (24 hours of the contact policy) or the friend deleted us.</li>
 * </ul>
 *
 * <p>Not covered: tasks (follow-up cadences, after-sale, activation, holidays, solar terms, SOP
 * steps, tier welcome) and their contact-policy timing, scripts, suggestions, followers, marks,
 * processed-event bookkeeping beyond the ids of this state, next-evaluation time. {@code
 * LeanPlaybookTest} checks on generated customers that what it covers equals the rules' decisions.
 *
 * <p>Thread-safe; a {@link State} is not (one evaluation at a time per customer).
 */
public final class LeanPlaybook {
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Set<String> INBOUND = EventTypes.DEFAULT_INBOUND;
    private static final long DAY = 86_400;

    // engagement, stage and tier as small numbers; their names for the summary
    static final String[] ENGAGEMENTS = {"SILENT", "CONVERSING", "QUOTED", "CUSTOMER", "REPEAT"};
    static final String[] STAGES = {"INTRODUCTION", "GROWTH", "MATURITY", "DORMANT", "CHURNED"};
    static final String[] TIERS = {"REGULAR", "VIP", "KEY_ACCOUNT"};
    private static final int SILENT = 0, CONVERSING = 1, QUOTED = 2, CUSTOMER = 3, REPEAT = 4;
    private static final int INTRODUCTION = 0, GROWTH = 1, MATURITY = 2, DORMANT = 3, CHURNED = 4;
    private static final int REGULAR = 0, VIP = 1, KEY_ACCOUNT = 2;

    // the counted event types
    private static final int PRICE_INQUIRY = 0, QUOTE_SENT = 1, MESSAGE_RECEIVED = 2, OBJECTION = 3, REFERRAL = 4;
    private static final int GREETING_WATCH = 0, REPLY_WATCH = 1;
    private static final String[] WATCH_CODES = {"GREETING_OVERDUE", "REPLY_OVERDUE"};

    /** One customer as the baseline keeps it between evaluations. */
    public static final class State {
        final String id;
        final String source;
        String owner;
        final ZoneId zone;
        final long addedAt; // epoch second, or Long.MIN_VALUE
        int engagement;
        int stage;
        int tier;
        final int[] counts = new int[5];
        long lastInbound = Long.MIN_VALUE;
        long lastFriendAdded = Long.MIN_VALUE;
        long lastFriendEnded = Long.MIN_VALUE;
        // orders in time order: parallel arrays
        int orderCount;
        String[] orderIds = new String[2];
        long[] orderAt = new long[2];
        long[] orderCents = new long[2];
        int[] orderCycleDays = new int[2]; // -1: none
        boolean[] orderMembership = new boolean[2];
        boolean[] orderRefunded = new boolean[2];
        // open watches: parallel arrays
        int watchCount;
        int[] watchCode = new int[2];
        String[] watchEvent = new String[2];
        long[] watchAt = new long[2];
        long[] watchDeadline = new long[2];
        // tags, one value per group ("" none)
        String firstOrderMonth = "";
        String firstOrderPlatform = "";
        String repurchaseMonth = "";
        int spendBand = -1;
        boolean koc;
        // the processed event ids, sorted
        String[] seen = new String[4];
        int seenCount;
        // the alerts of the last evaluation
        final List<String> alerts = new ArrayList<>(2);

        State(Customer customer) {
            this.id = customer.id();
            this.source = customer.source().orElse("");
            this.owner = customer.owner().orElse("");
            this.zone = customer.zone().orElse(DEFAULT_ZONE);
            this.addedAt = customer.addedAt().map(OffsetDateTime::toEpochSecond).orElse(Long.MIN_VALUE);
            this.engagement = Arrays.asList(ENGAGEMENTS).indexOf(customer.engagement().name());
            this.stage = Arrays.asList(STAGES).indexOf(customer.stage().name());
            this.tier = Arrays.asList(TIERS).indexOf(customer.tier().name());
        }

        private State(State o) {
            id = o.id;
            source = o.source;
            owner = o.owner;
            zone = o.zone;
            addedAt = o.addedAt;
            engagement = o.engagement;
            stage = o.stage;
            tier = o.tier;
            System.arraycopy(o.counts, 0, counts, 0, counts.length);
            lastInbound = o.lastInbound;
            lastFriendAdded = o.lastFriendAdded;
            lastFriendEnded = o.lastFriendEnded;
            orderCount = o.orderCount;
            orderIds = o.orderIds.clone();
            orderAt = o.orderAt.clone();
            orderCents = o.orderCents.clone();
            orderCycleDays = o.orderCycleDays.clone();
            orderMembership = o.orderMembership.clone();
            orderRefunded = o.orderRefunded.clone();
            watchCount = o.watchCount;
            watchCode = o.watchCode.clone();
            watchEvent = o.watchEvent.clone();
            watchAt = o.watchAt.clone();
            watchDeadline = o.watchDeadline.clone();
            firstOrderMonth = o.firstOrderMonth;
            firstOrderPlatform = o.firstOrderPlatform;
            repurchaseMonth = o.repurchaseMonth;
            spendBand = o.spendBand;
            koc = o.koc;
            seen = o.seen.clone();
            seenCount = o.seenCount;
        }

        /** An independent copy (the last evaluation's alerts left out). */
        public State copy() {
            return new State(this);
        }

        int localDay(long epochSecond) {
            ZoneOffset offset = zone.getRules().getOffset(java.time.Instant.ofEpochSecond(epochSecond));
            return (int) Math.floorDiv(epochSecond + offset.getTotalSeconds(), DAY);
        }
    }

    /** What the baseline decides, in the rules' terms: for comparing with a decision. */
    public record Summary(String engagement, String stage, String tier, String owner, List<String> tags, List<String> alerts) { }

    /** The state of a new customer (no memory), not yet evaluated. */
    public State state(Customer customer) {
        return new State(customer);
    }

    /** A new customer (a first import: no memory) with its whole history, evaluated at {@code now}. */
    public State firstImport(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        State state = new State(customer);
        evaluate(state, events, now);
        return state;
    }

    /** New events of a known customer, then the sweep at {@code now}. */
    public void evaluate(State s, List<Touchpoint> events, OffsetDateTime now) {
        s.alerts.clear();
        long nowSecond = now.toEpochSecond();
        engagement(s);
        Touchpoint[] sorted = events.toArray(new Touchpoint[0]);
        if (sorted.length > 1) {
            Arrays.sort(sorted, (a, b) -> {
                int byTime = Long.compare(a.at().toEpochSecond(), b.at().toEpochSecond());
                if (byTime == 0) {
                    byTime = Integer.compare(a.at().getNano(), b.at().getNano());
                }
                return byTime != 0 ? byTime : a.id().compareTo(b.id());
            });
        }
        for (Touchpoint event : sorted) {
            if (seen(s, event.id())) {
                continue;
            }
            apply(s, event);
        }
        sweep(s, nowSecond);
    }

    public Summary summary(State s) {
        List<String> tags = new ArrayList<>(6);
        if (!s.source.isEmpty()) {
            tags.add("渠道/来源/" + s.source);
        }
        if (!s.firstOrderMonth.isEmpty()) {
            tags.add("交易/首单时间/" + s.firstOrderMonth);
        }
        if (!s.firstOrderPlatform.isEmpty()) {
            tags.add("交易/首单平台/" + s.firstOrderPlatform);
        }
        if (s.spendBand >= 0) {
            tags.add("交易/近30天消费/" + BANDS[s.spendBand]);
        }
        if (!s.repurchaseMonth.isEmpty()) {
            tags.add("交易/预计复购/" + s.repurchaseMonth);
        }
        if (s.koc) {
            tags.add("会员/身份/KOC");
        }
        tags.sort(null);
        List<String> alerts = new ArrayList<>(s.alerts);
        alerts.sort(null);
        return new Summary(ENGAGEMENTS[s.engagement], STAGES[s.stage], TIERS[s.tier], s.owner, tags, alerts);
    }

    /** Whether the event id was processed already; records it if not (ids kept sorted: binary search). */
    private static boolean seen(State s, String eventId) {
        int at = Arrays.binarySearch(s.seen, 0, s.seenCount, eventId);
        if (at >= 0) {
            return true;
        }
        int insert = -at - 1;
        if (s.seenCount == s.seen.length) {
            s.seen = Arrays.copyOf(s.seen, s.seenCount * 2);
        }
        System.arraycopy(s.seen, insert, s.seen, insert + 1, s.seenCount - insert);
        s.seen[insert] = eventId;
        s.seenCount++;
        return false;
    }

    private static void apply(State s, Touchpoint e) {
        String type = e.type();
        long at = e.at().toEpochSecond();
        if (INBOUND.contains(type)) {
            s.lastInbound = Math.max(s.lastInbound, at);
        }
        switch (type) {
            case "PRICE_INQUIRY" -> s.counts[PRICE_INQUIRY]++;
            case "QUOTE_SENT" -> s.counts[QUOTE_SENT]++;
            case "MESSAGE_RECEIVED" -> s.counts[MESSAGE_RECEIVED]++;
            case "OBJECTION" -> s.counts[OBJECTION]++;
            case "REFERRAL_CONVERTED" -> s.counts[REFERRAL]++;
            case "FRIEND_ADDED" -> s.lastFriendAdded = Math.max(s.lastFriendAdded, at);
            case "FRIEND_DELETED", "FRIEND_REMOVED" -> s.lastFriendEnded = Math.max(s.lastFriendEnded, at);
            case "ORDER_PAID" -> paid(s, e, at);
            case "ORDER_REFUNDED" -> e.attribute("orderId").ifPresent(orderId -> {
                for (int i = 0; i < s.orderCount; i++) {
                    if (s.orderIds[i].equals(orderId)) {
                        s.orderRefunded[i] = true;
                    }
                }
            });
            default -> { }
        }
        engagement(s);
        // SLA watches
        switch (type) {
            case "FRIEND_ADDED" -> openWatch(s, GREETING_WATCH, e.id(), at, at + 30 * 60);
            case "MESSAGE_RECEIVED", "PRICE_INQUIRY" -> openWatch(s, REPLY_WATCH, e.id(), at, at + 5 * 60);
            case "MESSAGE_SENT" -> {
                answer(s, REPLY_WATCH, at);
                answer(s, GREETING_WATCH, at);
            }
            case "QUOTE_SENT" -> answer(s, REPLY_WATCH, at);
            default -> { }
        }
        if (type.equals("ORDER_PAID")) {
            String orderId = e.attribute("orderId").orElse("");
            if (s.orderCount > 0 && s.orderIds[0].equals(orderId)) {
                s.firstOrderMonth = yearMonth(s, at);
                s.firstOrderPlatform = e.channel().filter(c -> !c.isEmpty()).orElse("UNKNOWN");
            }
        }
        if (type.equals("ORDER_PAID") || type.equals("ORDER_REFUNDED")) {
            repurchase(s);
        }
    }

    private static void paid(State s, Touchpoint e, long at) {
        String orderId = e.attribute("orderId").orElseThrow();
        for (int i = 0; i < s.orderCount; i++) {
            if (s.orderIds[i].equals(orderId)) {
                return;
            }
        }
        if (s.orderCount == s.orderIds.length) {
            int n = s.orderCount * 2;
            s.orderIds = Arrays.copyOf(s.orderIds, n);
            s.orderAt = Arrays.copyOf(s.orderAt, n);
            s.orderCents = Arrays.copyOf(s.orderCents, n);
            s.orderCycleDays = Arrays.copyOf(s.orderCycleDays, n);
            s.orderMembership = Arrays.copyOf(s.orderMembership, n);
            s.orderRefunded = Arrays.copyOf(s.orderRefunded, n);
        }
        // in time order (then by event id, as the ledger): insertion from the end
        int i = s.orderCount++;
        while (i > 0 && s.orderAt[i - 1] > at) {
            s.orderIds[i] = s.orderIds[i - 1];
            s.orderAt[i] = s.orderAt[i - 1];
            s.orderCents[i] = s.orderCents[i - 1];
            s.orderCycleDays[i] = s.orderCycleDays[i - 1];
            s.orderMembership[i] = s.orderMembership[i - 1];
            s.orderRefunded[i] = s.orderRefunded[i - 1];
            i--;
        }
        s.orderIds[i] = orderId;
        s.orderAt[i] = at;
        s.orderCents[i] = new BigDecimal(e.attribute("amount").orElseThrow()).movePointRight(2).longValueExact();
        s.orderCycleDays[i] = e.attribute("productCycleDays").map(d -> Integer.parseInt(d.strip())).orElse(-1);
        s.orderMembership[i] = e.attribute("productKind").filter("MEMBERSHIP"::equalsIgnoreCase).isPresent();
        s.orderRefunded[i] = false;
    }

    private static int paidCount(State s) {
        int n = 0;
        for (int i = 0; i < s.orderCount; i++) {
            if (!s.orderRefunded[i]) {
                n++;
            }
        }
        return n;
    }

    private static void engagement(State s) {
        int paid = paidCount(s);
        int refunded = s.orderCount - paid;
        while (true) {
            int e = s.engagement;
            if (paid >= 2 && e != REPEAT) {
                s.engagement = REPEAT;
            } else if (paid == 1 && e != CUSTOMER) {
                s.engagement = CUSTOMER;
            } else if (paid == 0 && refunded > 0 && (e == CUSTOMER || e == REPEAT)) {
                s.engagement = QUOTED;
            } else if (paid == 0 && (e == SILENT || e == CONVERSING)
                    && (s.counts[PRICE_INQUIRY] > 0 || s.counts[QUOTE_SENT] > 0 || refunded > 0)) {
                s.engagement = QUOTED;
            } else if (e == SILENT && (s.counts[MESSAGE_RECEIVED] > 0 || s.counts[OBJECTION] > 0)) {
                s.engagement = CONVERSING;
            } else {
                return;
            }
        }
    }

    private static void openWatch(State s, int code, String eventId, long at, long deadline) {
        if (s.watchCount == s.watchCode.length) {
            int n = s.watchCount * 2;
            s.watchCode = Arrays.copyOf(s.watchCode, n);
            s.watchEvent = Arrays.copyOf(s.watchEvent, n);
            s.watchAt = Arrays.copyOf(s.watchAt, n);
            s.watchDeadline = Arrays.copyOf(s.watchDeadline, n);
        }
        int i = s.watchCount++;
        s.watchCode[i] = code;
        s.watchEvent[i] = eventId;
        s.watchAt[i] = at;
        s.watchDeadline[i] = deadline;
    }

    private static void answer(State s, int code, long at) {
        int kept = 0;
        for (int i = 0; i < s.watchCount; i++) {
            boolean answered = s.watchCode[i] == code && at >= s.watchAt[i] && at <= s.watchDeadline[i];
            if (!answered) {
                moveWatch(s, i, kept++);
            }
        }
        s.watchCount = kept;
    }

    private static void moveWatch(State s, int from, int to) {
        s.watchCode[to] = s.watchCode[from];
        s.watchEvent[to] = s.watchEvent[from];
        s.watchAt[to] = s.watchAt[from];
        s.watchDeadline[to] = s.watchDeadline[from];
    }

    private static void repurchase(State s) {
        int first = Integer.MIN_VALUE;
        int last = 0;
        int lastOrder = -1;
        int count = 0;
        for (int i = 0; i < s.orderCount; i++) {
            if (!s.orderRefunded[i]) {
                int day = s.localDay(s.orderAt[i]);
                first = first == Integer.MIN_VALUE ? day : first;
                last = day;
                lastOrder = i;
                count++;
            }
        }
        long predicted = Long.MIN_VALUE;
        if (count == 1 && s.orderCycleDays[lastOrder] >= 0) {
            predicted = last + (long) s.orderCycleDays[lastOrder];
        } else if (count > 1) {
            predicted = last + Math.floorDiv(last - first, count - 1);
        }
        s.repurchaseMonth = predicted == Long.MIN_VALUE ? "" : YearMonth.from(LocalDate.ofEpochDay(predicted)).toString();
    }

    private static final String[] BANDS = {"0", "1-99", "100-499", "500-999", "1000+"};

    private static void sweep(State s, long now) {
        // tier: over paid orders of the 365 days before now
        long yearAgo = now - 365 * DAY;
        long spend = 0;
        int orders = 0;
        boolean membership = false;
        long monthAgo = now - 30 * DAY;
        long spend30 = 0;
        for (int i = 0; i < s.orderCount; i++) {
            if (!s.orderRefunded[i] && s.orderAt[i] <= now) {
                if (s.orderAt[i] > yearAgo) {
                    spend += s.orderCents[i];
                    orders++;
                    membership |= s.orderMembership[i];
                }
                if (s.orderAt[i] > monthAgo) {
                    spend30 += s.orderCents[i];
                }
            }
        }
        if (s.tier < KEY_ACCOUNT && spend >= 1_000_000) {
            s.tier = KEY_ACCOUNT;
            s.owner = "key-account-desk";
        } else if (s.tier < VIP && (spend >= 99_900 || orders >= 3 || membership)) {
            s.tier = VIP;
            s.owner = "vip-desk";
        }
        s.spendBand = spend30 <= 0 ? 0 : spend30 < 10_000 ? 1 : spend30 < 50_000 ? 2 : spend30 < 100_000 ? 3 : 4;
        s.koc = s.counts[REFERRAL] >= 2;
        // SLA: every watch past its deadline is closed, and an alert unless it is history (due more than
        // 24 hours ago) or the friend deleted us
        boolean deleted = s.lastFriendEnded != Long.MIN_VALUE && s.lastFriendAdded <= s.lastFriendEnded;
        int kept = 0;
        for (int i = 0; i < s.watchCount; i++) {
            if (s.watchDeadline[i] <= now) {
                if (!deleted && s.watchDeadline[i] >= now - DAY) {
                    s.alerts.add(WATCH_CODES[s.watchCode[i]] + "/" + s.watchEvent[i]);
                }
            } else {
                moveWatch(s, i, kept++);
            }
        }
        s.watchCount = kept;
        // stage
        long since = s.lastInbound != Long.MIN_VALUE ? s.lastInbound : s.addedAt;
        boolean known = since != Long.MIN_VALUE;
        if (deleted || known && now - since >= 90 * DAY) {
            s.stage = CHURNED;
        } else if (known && now - since >= 30 * DAY) {
            s.stage = DORMANT;
        } else if (s.engagement == REPEAT || s.tier >= VIP) {
            s.stage = MATURITY;
        } else if (s.engagement == QUOTED || s.engagement == CUSTOMER) {
            s.stage = GROWTH;
        } else {
            s.stage = INTRODUCTION;
        }
    }

    private static String yearMonth(State s, long epochSecond) {
        LocalDate day = LocalDate.ofEpochDay(s.localDay(epochSecond));
        return String.format(Locale.ROOT, "%04d-%02d", day.getYear(), day.getMonthValue());
    }
}
