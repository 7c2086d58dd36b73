package dev.siyu.benchmarks;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.internal.Evaluator;
import dev.siyu.internal.ProfileFact;
import dev.siyu.internal.RuleTracker;
import dev.siyu.internal.Scripts;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.Stage;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import dev.siyu.model.Watch;
import dev.siyu.schedule.ChineseCalendar;
import dev.siyu.schedule.ContactPolicy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline: the default playbook's decisions written by hand in plain Java, on the same
 * engine state (ledger, contact policy, scripts, net change), without Drools. It exists to measure
 * what the rule engine costs; {@code PlainJavaPlaybookTest} checks it decides exactly what the
 * default rule files decide on a sample. It is not a product: the rules live in rule files.
 *
 * <p>Thread-safe.
 */
// The ceiling: the playbook decided by direct calls on the working state, no proposals, no resolver.
@SuppressWarnings("deprecation")
public final class PlainJavaPlaybook {
    private static final Set<String> PRECISE = Set.of("PACKAGE_CARD", "WANGWANG", "DETAIL_PAGE", "SMS", "PHONE");

    private final ZoneId defaultZone = SiyuEngine.DEFAULT_ZONE;
    private final Set<String> inbound = EventTypes.DEFAULT_INBOUND;
    private final ContactPolicy policy = ContactPolicy.DEFAULT;
    private final Duration retention = SiyuEngine.DEFAULT_RETENTION;
    private final SiyuEngine engine;
    private final Scripts scripts;

    /** Uses the catalogs of {@code engine} (built from the default pack). */
    public PlainJavaPlaybook(SiyuEngine engine) {
        this.engine = engine;
        this.scripts = new Scripts(engine.scriptCatalog(), Map.of());
    }

    public Decision evaluate(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        ZoneId zone = customer.zone().orElse(defaultZone);
        OffsetDateTime localNow = now.atZoneSameInstant(zone).toOffsetDateTime();
        Evaluator.validate(customer, events, now);
        RuleTracker t = new RuleTracker();
        ProfileFact p = new ProfileFact(customer, zone, inbound, policy, engine.tagCatalog(), scripts, t, localNow);
        List<Touchpoint> fresh = Evaluator.freshInTimeOrder(p, events);
        engagement(p, t);
        p.placeScheduled(localNow);
        for (Touchpoint touchpoint : fresh) {
            p.apply(touchpoint);
            event(p, t, touchpoint, touchpoint.at().atZoneSameInstant(zone).toOffsetDateTime());
            p.placeScheduled(localNow);
        }
        p.moveClockTo(localNow);
        sweep(p, t, localNow);
        p.placeScheduled(localNow);
        ProfileFact.Outcome outcome = p.finish(localNow, retention);
        return new Decision(customer.id(), localNow, outcome.nextEvaluationAt(), outcome.customer(), outcome.actions());
    }

    /** The rule of default.sop.csv's exit and restart events. */
    private static final String SOP_ENDS = "sop: an exit or restart event ends the SOP's pending steps";

    /** How a task of a step of the default SOP table is attributed: the step and its row. */
    private static String sop(String step, int row) {
        return "SOP " + step + " (default.sop.csv:" + row + ")";
    }

    /** An event type in words, as an SOP's cancel reports it: {@code ORDER_PAID} is {@code order paid}. */
    private static String words(String type) {
        return type.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static void as(RuleTracker t, String rule, Runnable action) {
        t.enter(rule);
        try {
            action.run();
        } finally {
            t.leave();
        }
    }

    private static void engagement(ProfileFact p, RuleTracker t) {
        while (true) {
            int paid = p.getPaidOrderCount();
            Engagement e = p.getEngagement();
            if (paid >= 2 && e != Engagement.REPEAT) {
                as(t, "engagement: two or more paid orders make a repeat customer", () -> p.setEngagement(Engagement.REPEAT));
            } else if (paid == 1 && e != Engagement.CUSTOMER) {
                as(t, "engagement: exactly one paid order makes a customer", () -> p.setEngagement(Engagement.CUSTOMER));
            } else if (paid == 0 && p.getRefundedOrderCount() > 0 && (e == Engagement.CUSTOMER || e == Engagement.REPEAT)) {
                as(t, "engagement: a buyer whose orders are all refunded is quoted again", () -> p.setEngagement(Engagement.QUOTED));
            } else if (paid == 0 && (e == Engagement.SILENT || e == Engagement.CONVERSING)
                    && (p.touchpointCount("PRICE_INQUIRY") > 0 || p.touchpointCount("QUOTE_SENT") > 0 || p.getRefundedOrderCount() > 0)) {
                as(t, "engagement: a price inquiry or quote makes a quoted customer", () -> p.setEngagement(Engagement.QUOTED));
            } else if (e == Engagement.SILENT && (p.touchpointCount("MESSAGE_RECEIVED") > 0 || p.touchpointCount("OBJECTION") > 0)) {
                as(t, "engagement: a message or objection makes a conversing customer", () -> p.setEngagement(Engagement.CONVERSING));
            } else {
                return;
            }
        }
    }

    private void event(ProfileFact p, RuleTracker t, Touchpoint e, OffsetDateTime at) {
        String id = p.getCustomerId();
        String type = e.type();
        String orderId = e.attribute("orderId").orElse("");
        String product = e.attribute("product").orElse("");
        if (type.equals("FRIEND_DELETED")) {
            as(t, "activation: a friend who deleted us gets no proactive task", () -> p.cancelProactiveTasks("friend deleted"));
        }
        if ((type.equals("MESSAGE_RECEIVED") || type.equals("OBJECTION")) && p.getEngagement() == Engagement.SILENT) {
            String key = id + "/cadence/" + e.id();
            as(t, sop("cadence/intent_same_day", 13), () -> p.scheduleTask(key + "/intent_same_day", TaskKind.FOLLOW_UP,
                    "followup.intent_same_day", at.plusHours(2)));
            as(t, sop("cadence/intent_day3", 14), () -> p.scheduleTask(key + "/intent_day3", TaskKind.FOLLOW_UP,
                    "followup.intent_day3", p.plusDays(at, 3)));
        }
        engagement(p, t);
        switch (type) {
            case "PRICE_INQUIRY", "QUOTE_SENT" -> {
                as(t, SOP_ENDS, () -> p.cancelTasksWithKeyPrefix(id + "/cadence/", words(type) + " restarts SOP cadence"));
                String key = id + "/cadence/" + e.id();
                as(t, sop("cadence/same_day", 9), () -> p.scheduleTask(key + "/same_day", TaskKind.FOLLOW_UP,
                        "followup.same_day", at.plusHours(2), "product", product));
                as(t, sop("cadence/day3", 10), () -> p.scheduleTask(key + "/day3", TaskKind.FOLLOW_UP, "followup.day3",
                        p.plusDays(at, 3), "product", product));
                as(t, sop("cadence/day7", 11), () -> p.scheduleTask(key + "/day7", TaskKind.FOLLOW_UP, "followup.day7",
                        p.plusDays(at, 7), "product", product));
            }
            default -> { }
        }
        if (type.equals("ORDER_PAID")) {
            as(t, SOP_ENDS, () -> p.cancelTasksWithKeyPrefix(id + "/cadence/", "order paid"));
        }
        if (type.equals("FRIEND_ADDED")) {
            as(t, "sla: a new friend gets a greeting within 30 minutes", () -> {
                String script = PRECISE.contains(p.getSource()) ? "greeting.precise" : "greeting.broad";
                p.scheduleTask(id + "/greeting/" + e.id(), TaskKind.GREETING, script, at.plusMinutes(30));
                p.watch("GREETING_OVERDUE", e.id(), at, at.plusMinutes(30));
            });
        }
        if (type.equals("MESSAGE_RECEIVED") || type.equals("PRICE_INQUIRY")) {
            as(t, "sla: a message or price inquiry must be answered within 5 minutes",
                    () -> p.watch("REPLY_OVERDUE", e.id(), at, at.plusMinutes(5)));
        }
        if (type.equals("MESSAGE_SENT") || type.equals("QUOTE_SENT")) {
            as(t, "sla: our message or quote answers the customer", () -> p.answerWatches("REPLY_OVERDUE", at));
        }
        if (type.equals("MESSAGE_SENT")) {
            as(t, "sla: our first message greets a new friend", () -> p.answerWatches("GREETING_OVERDUE", at));
        }
        String orderKey = id + "/order/" + (orderId.isEmpty() ? e.id() : orderId);
        String orderProduct = product.isEmpty() ? p.productOf(orderId) : product;
        switch (type) {
            case "ORDER_PAID" -> as(t, sop("order/thanks", 18), () -> p.scheduleTask(
                    orderKey + "/thanks", TaskKind.ORDER_NOTICE, "order.thanks", at, "product", orderProduct));
            case "SHIPPED" -> as(t, sop("order/shipped", 19), () -> p.scheduleTask(
                    orderKey + "/shipped", TaskKind.ORDER_NOTICE, "order.shipped", at, "product", orderProduct));
            case "DELIVERED" -> {
                as(t, sop("order/usage", 20), () -> p.scheduleTask(orderKey + "/usage", TaskKind.CARE, "care.usage",
                        p.plusDays(at, 1), "product", orderProduct));
                as(t, sop("order/review", 21), () -> p.scheduleTask(orderKey + "/review", TaskKind.CARE, "care.review",
                        p.plusDays(at, 2), "product", orderProduct));
                as(t, sop("order/referral", 22), () -> p.scheduleTask(orderKey + "/referral", TaskKind.REFERRAL,
                        "referral.invite", p.plusDays(at, 7), "product", orderProduct));
            }
            default -> { }
        }
        if (type.equals("ORDER_PAID") || type.equals("ORDER_REFUNDED")) {
            as(t, "repurchase: remind three days before the predicted next order", () -> repurchase(p, type));
        }
        if (type.equals("ORDER_PAID") && p.isFirstOrder(orderId)) {
            as(t, "tags: the month and platform of the first paid order", () -> {
                p.addTag("交易/首单时间/" + YearMonth.from(at));
                p.addTag("交易/首单平台/" + e.channel().filter(c -> !c.isEmpty()).orElse("UNKNOWN"));
            });
        }
        if (type.equals("FRIEND_ADDED") && p.getEngagement() == Engagement.SILENT) {
            as(t, sop("activation/silent", 25), () -> p.scheduleTask(
                    id + "/activation/silent/" + e.id(), TaskKind.ACTIVATION, "activation.silent", p.plusDays(at, 3)));
        }
        if (!type.equals("FRIEND_ADDED") && p.isInbound(type)) {
            as(t, SOP_ENDS, () -> p.cancelTasksWithKeyPrefix(id + "/activation/silent/", words(type)));
        }
        if (type.equals("OBJECTION")) {
            as(t, "objection: suggest the talk-track of the scene", () -> {
                String kind = e.attribute("kind").orElse("").trim().toLowerCase(java.util.Locale.ROOT);
                p.suggestScript(kind.equals("price") ? "objection.price" : kind.equals("compare") ? "objection.compare"
                        : "objection.hesitate", "product", product);
            });
        }
    }

    private static void repurchase(ProfileFact p, String type) {
        String id = p.getCustomerId();
        p.cancelTasksWithKeyPrefix(id + "/repurchase/",
                type.equals("ORDER_PAID") ? "a new order replaces the prediction" : "an order was refunded");
        LocalDate first = null;
        LocalDate last = null;
        OrderRecord lastOrder = null;
        int count = 0;
        for (OrderRecord order : p.getOrders()) {
            if (order.isPaid()) {
                LocalDate date = p.localDate(order.at());
                first = first == null ? date : first;
                last = date;
                lastOrder = order;
                count++;
            }
        }
        LocalDate predicted = null;
        if (count == 1 && lastOrder.productCycleDays().isPresent()) {
            predicted = last.plusDays(lastOrder.productCycleDays().get());
        } else if (count > 1) {
            predicted = last.plusDays(Math.floorDiv(ChronoUnit.DAYS.between(first, last), count - 1));
        }
        if (predicted == null) {
            for (String tag : p.getTags()) {
                if (tag.startsWith("交易/预计复购/")) {
                    p.removeTag(tag);
                }
            }
        } else {
            p.addTag("交易/预计复购/" + YearMonth.from(predicted));
            String orderId = lastOrder.orderId();
            p.scheduleTask(id + "/repurchase/" + orderId, TaskKind.REPURCHASE, "repurchase.reminder",
                    p.atLocalTime(predicted.minusDays(3), 10, 0), "product", p.productOf(orderId));
        }
    }

    private void sweep(ProfileFact p, RuleTracker t, OffsetDateTime now) {
        String id = p.getCustomerId();
        OffsetDateTime since = now.minus(Duration.ofDays(365));
        Tier best = null;
        List<OrderRecord> window = p.getOrders().stream().filter(OrderRecord::isPaid)
                .filter(o -> o.at().isAfter(since) && !o.at().isAfter(now)).toList();
        Money spend = p.spendSince(since);
        if (Tier.KEY_ACCOUNT.isAbove(p.getTier()) && spend.isAtLeast(Money.of("10000.00"))) {
            best = Tier.KEY_ACCOUNT;
        } else if (Tier.VIP.isAbove(p.getTier()) && (spend.isAtLeast(Money.of("999.00")) || window.size() >= 3
                || window.stream().anyMatch(o -> o.productKind().filter("MEMBERSHIP"::equalsIgnoreCase).isPresent()))) {
            best = Tier.VIP;
        }
        if (best != null) {
            Tier tier = best;
            as(t, "tier: upgrade straight to the highest tier whose criteria are met", () -> {
                p.setTier(tier);
                p.setOwner(tier == Tier.VIP ? "vip-desk" : "key-account-desk");
                p.scheduleTask(id + "/tier/" + tier, TaskKind.VIP, tier == Tier.VIP ? "vip.welcome" : "key_account.welcome", now);
            });
        }
        if (!p.getSource().isEmpty()) {
            as(t, "tags: the acquisition source", () -> p.addTag("渠道/来源/" + p.getSource()));
        }
        as(t, "tags: the spend band of the last 30 days", () -> p.addTag("交易/近30天消费/" + band(p.spendSince(now.minusDays(30)))));
        if (p.touchpointCount("REFERRAL_CONVERTED") >= 2) {
            as(t, "tags: two referrals that paid make a KOC", () -> p.addTag("会员/身份/KOC"));
        }
        for (Watch watch : p.overdueWatches(now)) {
            as(t, "sla: an unanswered customer raises an alert", () -> {
                p.closeWatch(watch);
                p.alert(watch.code(), watch.eventId(), watch.deadline(), now);
            });
        }
        stage(p, now);
        LocalDate today = now.toLocalDate();
        if (p.getStage() == Stage.DORMANT && p.getStageBefore() != Stage.DORMANT && p.getStageBefore() != Stage.CHURNED) {
            as(t, "activation: a customer newly dormant gets an activation", () -> p.scheduleTask(
                    id + "/activation/dormant/" + p.localDate(now), TaskKind.ACTIVATION, "activation.dormant", now));
        }
        if (p.getStage() == Stage.CHURNED && p.getStageBefore() != Stage.CHURNED && !p.isFriendDeleted()) {
            as(t, "activation: a customer newly churned by inactivity gets one last win-back", () -> p.scheduleTask(
                    id + "/activation/winback/" + p.localDate(now), TaskKind.ACTIVATION, "activation.winback", now));
        }
        if (p.getStage() != Stage.CHURNED) {
            for (String code : ChineseCalendar.holidaysOn(today)) {
                as(t, "care: a holiday greeting at 10:00 on the day", () -> {
                    if (p.markOnce("holiday/" + code + "/" + today)) {
                        p.scheduleTask(id + "/holiday/" + code + "/" + today, TaskKind.HOLIDAY, "holiday." + code.toLowerCase(java.util.Locale.ROOT),
                                p.atLocalTime(today, 10, 0), "holiday", code);
                    }
                });
            }
            if (p.getEngagement() == Engagement.CUSTOMER || p.getEngagement() == Engagement.REPEAT) {
                ChineseCalendar.solarTermOn(today).ifPresent(term -> as(t, "care: solar-term care at 09:00 on the day for buyers", () -> {
                    if (p.markOnce("solar-term/" + term + "/" + today)) {
                        p.scheduleTask(id + "/solar-term/" + today, TaskKind.SOLAR_TERM, "care.solar_term",
                                p.atLocalTime(today, 9, 0), "term", term);
                    }
                }));
            }
        }
        if (!p.isFriendDeleted() && p.getStage() != Stage.CHURNED) {
            p.getLastInboundAt().or(p::getAddedAt)
                    .ifPresent(last -> p.wakeUpAt(last.plusDays(p.getStage() == Stage.DORMANT ? 90 : 30)));
        }
        if (p.getStage() != Stage.CHURNED) {
            p.wakeUpAt(p.atLocalTime(ChineseCalendar.nextHolidayAfter(today), 10, 0));
            if (p.getEngagement() == Engagement.CUSTOMER || p.getEngagement() == Engagement.REPEAT) {
                p.wakeUpAt(p.atLocalTime(ChineseCalendar.nextSolarTermAfter(today), 9, 0));
            }
        }
    }

    private static void stage(ProfileFact p, OffsetDateTime now) {
        Stage stage;
        String rule;
        if (p.isFriendDeleted()) {
            stage = Stage.CHURNED;
            rule = "lifecycle: a friend who deleted us is churned";
        } else if (p.inactiveForDays(now, 90)) {
            stage = Stage.CHURNED;
            rule = "lifecycle: 90 days without an inbound event is churned";
        } else if (p.inactiveForDays(now, 30)) {
            stage = Stage.DORMANT;
            rule = "lifecycle: 30 days without an inbound event is dormant";
        } else if (p.getEngagement() == Engagement.REPEAT || p.getTier() == Tier.VIP || p.getTier() == Tier.KEY_ACCOUNT) {
            stage = Stage.MATURITY;
            rule = "lifecycle: repeat buyers and members are mature";
        } else if (p.getEngagement() == Engagement.QUOTED || p.getEngagement() == Engagement.CUSTOMER) {
            stage = Stage.GROWTH;
            rule = "lifecycle: quoted and one-order customers are growing";
        } else {
            stage = Stage.INTRODUCTION;
            rule = "lifecycle: everyone else is being introduced";
        }
        if (p.getStage() != stage) {
            p.adoptStage(new dev.siyu.fact.StageProposal(p.getCustomerId(), stage, 0, rule));
        }
    }

    private static String band(Money spend) {
        BigDecimal amount = spend.amount();
        if (amount.signum() <= 0) {
            return "0";
        }
        if (amount.compareTo(new BigDecimal("100")) < 0) {
            return "1-99";
        }
        if (amount.compareTo(new BigDecimal("500")) < 0) {
            return "100-499";
        }
        if (amount.compareTo(new BigDecimal("1000")) < 0) {
            return "500-999";
        }
        return "1000+";
    }
}
