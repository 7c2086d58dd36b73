package dev.siyu.demo;

import dev.siyu.EvaluationRequest;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A believable private-domain shop (a contact-lens shop on Tmall that adds its buyers on WeCom),
 * generated from a seed: the same seed gives the same customers and events, byte for byte.
 *
 * <p>Shape (seed 000 §2.2–§2.4, seed 001): friends come from package cards, detail pages, SMS (4 %
 * add rate), phone (5 %), Wangwang (5–10 %), stores, communities, content, ads and referrals; most
 * talk, about a third ask for a price, about 10 % buy — a ¥9.9 lead product, a ¥99–198 hit or a ¥999
 * membership — and about a fifth of buyers become VIP. Orders are shipped and delivered, a few
 * refunded; some buyers refer friends; a few friends delete us.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShopGenerator {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] SOURCES = {"PACKAGE_CARD", "DETAIL_PAGE", "SMS", "PHONE", "WANGWANG", "STORE",
            "COMMUNITY", "CONTENT", "AD", "REFERRAL"};
    /** Share of new friends by source, in percent (sums to 100). */
    private static final int[] SOURCE_SHARE = {30, 10, 6, 3, 9, 10, 10, 8, 10, 4};
    private static final String[] OWNERS = {"sales-01", "sales-02", "sales-03", "sales-04", "sales-05"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    private static final String[] CHANNELS = {"WECOM", "WECOM", "WECOM", "TMALL", "MINI_PROGRAM"};

    private final long seed;
    private final int customers;
    private final LocalDate start;
    private final int days;

    public ShopGenerator(long seed, int customers, LocalDate start, int days) {
        this.seed = seed;
        this.customers = customers;
        this.start = start;
        this.days = days;
    }

    /** The default sample: seed 2026, 5,000 customers over the 90 days from 2026-08-01. */
    public static ShopGenerator sample() {
        return new ShopGenerator(2026, 5_000, LocalDate.of(2026, 8, 1), 90);
    }

    public LocalDate start() {
        return start;
    }

    public int days() {
        return days;
    }

    /** Every customer with every event of the period, customers in id order, events in time order. */
    public List<EvaluationRequest> generate() {
        List<EvaluationRequest> shop = new ArrayList<>(customers);
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 1; i <= customers; i++) {
            shop.add(customer(i, root.split()));
        }
        return shop;
    }

    private EvaluationRequest customer(int n, SplittableRandom random) {
        String id = String.format("c-%05d", n);
        String source = pick(random, SOURCES, SOURCE_SHARE);
        String owner = OWNERS[random.nextInt(OWNERS.length)];
        int addedDay = random.nextInt(days);
        OffsetDateTime added = at(addedDay, 9 + random.nextInt(13), random.nextInt(60));
        Customer.Builder customer = Customer.builder(id).source(source).owner(owner).addedAt(added);
        if (random.nextInt(100) < 70) {
            customer.name(SURNAMES[random.nextInt(SURNAMES.length)] + (random.nextBoolean() ? "女士" : "先生"));
        }
        Events events = new Events(id);
        events.add("FRIEND_ADDED", added, "WECOM");
        boolean precise = List.of("PACKAGE_CARD", "DETAIL_PAGE", "SMS", "PHONE", "WANGWANG").contains(source);
        if (random.nextInt(100) < 85) {
            events.add("MESSAGE_SENT", added.plusMinutes(3 + random.nextInt(40)), "WECOM"); // the greeting
        }
        OffsetDateTime t = added.plusMinutes(30);
        boolean talks = random.nextInt(100) < (precise ? 70 : 55);
        if (!talks) {
            maybeDelete(random, events, t, 4);
            return new EvaluationRequest(customer.build(), events.sorted());
        }
        t = t.plusHours(random.nextInt(72));
        events.inbound("MESSAGE_RECEIVED", t, random);
        boolean asks = random.nextInt(100) < (precise ? 45 : 30);
        if (random.nextInt(100) < 15) {
            events.add("OBJECTION", t.plusMinutes(10), "WECOM").with("kind", pick(random, new String[] {"price", "compare", "hesitate"}, new int[] {50, 30, 20}));
        }
        if (!asks) {
            maybeDelete(random, events, t, 3);
            return new EvaluationRequest(customer.build(), events.sorted());
        }
        t = t.plusHours(1 + random.nextInt(48));
        events.inbound("PRICE_INQUIRY", t, random);
        events.add("QUOTE_SENT", t.plusMinutes(2 + random.nextInt(20)), "WECOM");
        boolean buys = random.nextInt(100) < (precise ? 48 : 34);
        if (!buys) {
            maybeDelete(random, events, t, 3);
            return new EvaluationRequest(customer.build(), events.sorted());
        }
        int kind = random.nextInt(100);
        boolean member = kind < 12;
        int orders = member ? 1 : 1 + (random.nextInt(100) < 35 ? 1 + random.nextInt(3) : 0);
        OffsetDateTime orderAt = t.plusHours(random.nextInt(96));
        for (int o = 1; o <= orders; o++) {
            String orderId = id + "-o" + o;
            String product;
            String amount;
            String productKind;
            String cycle;
            if (member) {
                product = "年度会员";
                amount = "999.00";
                productKind = "MEMBERSHIP";
                cycle = "365";
            } else if (o == 1 && kind < 40) {
                product = "试戴装";
                amount = "9.90";
                productKind = "LEAD";
                cycle = "15";
            } else {
                product = random.nextBoolean() ? "日抛30片" : "月抛6片";
                amount = new BigDecimal(99 + random.nextInt(100)).setScale(2).toPlainString();
                productKind = "HIT";
                cycle = random.nextBoolean() ? "30" : "60";
            }
            events.add("ORDER_PAID", orderAt, CHANNELS[random.nextInt(CHANNELS.length)])
                    .with("orderId", orderId).with("amount", amount).with("product", product)
                    .with("productKind", productKind).with("productCycleDays", cycle);
            events.add("SHIPPED", orderAt.plusHours(20 + random.nextInt(10)), "WECOM").with("orderId", orderId);
            events.add("DELIVERED", orderAt.plusDays(3).plusHours(random.nextInt(8)), "WECOM").with("orderId", orderId);
            if (random.nextInt(100) < 5) {
                events.add("ORDER_REFUNDED", orderAt.plusDays(5), "WECOM").with("orderId", orderId);
            }
            if (random.nextInt(100) < 30) {
                events.add("REVIEW_POSTED", orderAt.plusDays(5).plusHours(random.nextInt(5)), "TMALL");
            }
            orderAt = orderAt.plusDays(20 + random.nextInt(20));
        }
        int referrals = random.nextInt(100) < 10 ? 1 + random.nextInt(3) : 0;
        for (int r = 1; r <= referrals; r++) {
            events.add("REFERRAL_CONVERTED", t.plusDays(10L * r + random.nextInt(10)), "WECOM")
                    .with("refereeId", id + "-ref" + r);
        }
        return new EvaluationRequest(customer.build(), events.sorted());
    }

    private void maybeDelete(SplittableRandom random, Events events, OffsetDateTime after, int percent) {
        if (random.nextInt(100) < percent) {
            events.add("FRIEND_DELETED", after.plusDays(1 + random.nextInt(20)), "WECOM");
        }
    }

    private OffsetDateTime at(int day, int hour, int minute) {
        return start.plusDays(day).atTime(hour, minute).atZone(ZONE).toOffsetDateTime();
    }

    private static String pick(SplittableRandom random, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** Collects one customer's events, dropping those after the period. */
    private final class Events {
        private final String customerId;
        private final List<Touchpoint> list = new ArrayList<>();
        private int next = 1;

        Events(String customerId) {
            this.customerId = customerId;
        }

        EventRef add(String type, OffsetDateTime at, String channel) {
            EventRef ref = new EventRef(customerId + "-e" + next++, type, at, channel);
            if (at.toLocalDate().isBefore(start.plusDays(days))) {
                ref.index = list.size();
                list.add(ref.build());
            }
            return ref;
        }

        /** An inbound event, answered by the owner within minutes most of the time. */
        void inbound(String type, OffsetDateTime at, SplittableRandom random) {
            add(type, at, "WECOM");
            int minutes = random.nextInt(100) < 88 ? 1 + random.nextInt(4) : 6 + random.nextInt(90);
            add("MESSAGE_SENT", at.plusMinutes(minutes), "WECOM");
        }

        List<Touchpoint> sorted() {
            List<Touchpoint> copy = new ArrayList<>(list);
            copy.sort(Comparator.comparing(Touchpoint::at).thenComparing(Touchpoint::id));
            return copy;
        }

        final class EventRef {
            private final String id;
            private final String type;
            private final OffsetDateTime at;
            private final String channel;
            private Touchpoint touchpoint;
            private int index = -1;

            EventRef(String id, String type, OffsetDateTime at, String channel) {
                this.id = id;
                this.type = type;
                this.at = at;
                this.channel = channel;
                this.touchpoint = Touchpoint.of(id, type, at).on(channel);
            }

            Touchpoint build() {
                return touchpoint;
            }

            EventRef with(String key, String value) {
                touchpoint = touchpoint.with(key, value);
                if (index >= 0) {
                    list.set(index, touchpoint);
                }
                return this;
            }
        }
    }
}
