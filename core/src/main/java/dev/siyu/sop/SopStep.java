package dev.siyu.sop;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Collections.unmodifiableSortedMap;

/**
 * One step of an SOP table (one row of a {@code *.sop.csv} or {@code *.sop.xlsx} file of a pack):
 * for which customers ({@link Audience}), from what ({@link Anchor}), how long after
 * ({@link Offset}), what task ({@code kind}, {@code script}, {@code owner}, {@code channel}),
 * what ends or restarts the SOP's pending steps, how often a customer may enter it again, and what
 * happens when the step is done ({@link EndAction}), the task's key ({@code key}, a template: see
 * {@link #taskKey}) and the event attributes the task carries to its script ({@code params}). Steps are
 * reference data: rule files join them to the customer and the event of the round. {@code source}
 * names the file (its path in its pack, and the sheet of a workbook) and row, e.g.
 * {@code weekly.sop.csv:4}; it names the step in decisions.
 *
 * <p>Immutable and thread-safe.
 */
public record SopStep(String sop, String step, Audience audience, Anchor anchor, Offset offset, String kind,
                      String script, Optional<String> owner, Optional<String> channel, Set<String> exitOn,
                      Set<String> restartOn, Reentry reentry, List<EndAction> endActions, String key,
                      List<String> params, String source) {
    /** The task key template of a step whose table has no {@code key} column (or leaves it empty). */
    public static final String DEFAULT_KEY = "sop/{sop}/{anchor}/{step}";

    /** The task-key patterns of {@link #makesTaskKey}, by SOP, step and key template. */
    private static final Map<String, java.util.regex.Pattern> KEY_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** In {@code exit_on}: any inbound event other than the step's own anchor events. */
    public static final String INBOUND = "INBOUND";

    public SopStep {
        Objects.requireNonNull(sop, "sop");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(script, "script");
        owner = owner == null ? Optional.empty() : owner;
        channel = channel == null ? Optional.empty() : channel;
        exitOn = Set.copyOf(exitOn);
        restartOn = Set.copyOf(restartOn);
        Objects.requireNonNull(reentry, "reentry");
        endActions = List.copyOf(endActions);
        Objects.requireNonNull(key, "key");
        params = List.copyOf(params);
        Objects.requireNonNull(source, "source");
    }

    /**
     * The key of the task this step makes for a customer: {@code customerId/} and the step's key
     * template with {@code {sop}}, {@code {step}} and {@code {anchor}} (or {@code {order}}) replaced by
     * the SOP id, the step id and {@code anchorId} (see {@link #anchorId}). The default template,
     * {@link #DEFAULT_KEY}, gives {@code c-1/sop/quote/e-17/day3}.
     */
    public String taskKey(String customerId, String anchorId) {
        return customerId + "/" + key.replace("{sop}", sop).replace("{step}", step).replace("{anchor}", anchorId)
                .replace("{order}", anchorId);
    }

    /**
     * {@code true} when {@code key} is the key of a task this step made for the customer: the key
     * template with any anchor in place of {@code {anchor}} or {@code {order}}.
     */
    public boolean makesTaskKey(String customerId, String key) {
        String start = customerId + "/";
        if (!key.startsWith(start) || !key.startsWith(keyPrefix(customerId))) {
            return false;
        }
        java.util.regex.Pattern pattern = KEY_PATTERNS.computeIfAbsent(sop + "\u0000" + step + "\u0000" + key, k -> {
            StringBuilder regex = new StringBuilder();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(sop|step|anchor|order)\\}").matcher(key());
            int last = 0;
            while (m.find()) {
                regex.append(java.util.regex.Pattern.quote(key().substring(last, m.start())));
                regex.append(switch (m.group(1)) {
                    case "sop" -> java.util.regex.Pattern.quote(sop);
                    case "step" -> java.util.regex.Pattern.quote(step);
                    default -> ".+";
                });
                last = m.end();
            }
            regex.append(java.util.regex.Pattern.quote(key().substring(last)));
            return java.util.regex.Pattern.compile(regex.toString());
        });
        return pattern.matcher(key.substring(start.length())).matches();
    }

    /**
     * The key prefix every task of this step's SOP has for a customer, which exit and restart events
     * cancel: {@code customerId/} and the key template up to its first placeholder other than
     * {@code {sop}}; {@code c-1/sop/quote/} for the default template.
     */
    public String keyPrefix(String customerId) {
        return customerId + "/" + prefixOf(key, sop);
    }

    /** The literal start of a key template (its {@code {sop}} filled in), up to the first other placeholder. */
    static String prefixOf(String key, String sop) {
        String filled = key.replace("{sop}", sop);
        int brace = filled.indexOf('{');
        return brace < 0 ? filled : filled.substring(0, brace);
    }

    /**
     * The anchor part of the task key for an event of the step's anchor: the event's {@code orderId}
     * attribute when the key template names {@code {order}} and the event has one (so that the steps
     * of one order's events share it), the event id otherwise.
     */
    public String anchorId(dev.siyu.fact.Event event) {
        if (key.contains("{order}")) {
            String orderId = event.attribute("orderId");
            if (!orderId.isEmpty()) {
                return orderId;
            }
        }
        return event.getId();
    }

    /**
     * {@code true} when an event of {@code type} ends this step's SOP: it is in {@code exit_on} or
     * {@code restart_on}, or {@code exit_on} has {@link #INBOUND}, the event is inbound for
     * {@code p} and it is not one of the step's own anchor events.
     */
    public boolean endsOn(String type, dev.siyu.fact.Profile p) {
        if (exitOn.contains(type) || restartOn.contains(type)) {
            return true;
        }
        return exitOn.contains(INBOUND) && p.isInbound(type) && !anchor.isEvent(type);
    }

    /** {@code true} when an event of {@code type} starts this step: it is the step's anchor or restarts the SOP. */
    public boolean startsOn(String type) {
        return anchor.isEvent(type) || restartOn.contains(type);
    }

    /**
     * Why an event of {@code type} ended this step's SOP, as the cancel reports it: the event type in
     * words ({@code order paid}), with {@code restarts the SOP} for a restart.
     */
    public String endReason(String type) {
        String words = type.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return restartOn.contains(type) && !exitOn.contains(type) ? words + " restarts SOP " + sop : words;
    }

    /**
     * The task's script parameters from the anchor event, as name and value pairs: each of
     * {@code params} is the event's attribute of that name ({@code ""} without one); {@code product}
     * without its own attribute is the product the customer's order ledger has for the event's
     * {@code orderId}. Without an event (calendar and stage anchors) every value is {@code ""},
     * except {@code term} for a solar-term anchor: the term's name ({@code 清明}).
     */
    public List<String> paramValues(dev.siyu.fact.Profile p, dev.siyu.fact.Event event) {
        if (params.isEmpty()) {
            return List.of();
        }
        List<String> values = new java.util.ArrayList<>(params.size() * 2);
        for (String name : params) {
            String value = event != null ? event.attribute(name)
                    : anchor.kind() == AnchorKind.SOLAR_TERM && name.equals("term") ? anchor.value() : "";
            if (event != null && value.isEmpty() && name.equals("product")) {
                value = p.productOf(event.attribute("orderId"));
            }
            values.add(name);
            values.add(value);
        }
        return values;
    }

    /** {@code sop/step}: the step's name in explanations and in {@code siyu sop list}. */
    public String id() {
        return sop + "/" + step;
    }

    /**
     * {@code true} when {@code p} is in the step's audience: every non-empty column holds (a
     * column's values are alternatives; {@code tags} must all be there, {@code not_tags} none).
     */
    public boolean includes(dev.siyu.fact.Profile p) {
        Audience a = audience;
        if (!a.engagements().isEmpty() && !a.engagements().contains(p.getEngagement().name())) {
            return false;
        }
        if (!a.stages().isEmpty() && !a.stages().contains(p.getStage().name())) {
            return false;
        }
        if (!a.tiers().isEmpty() && !a.tiers().contains(p.getTier().name())) {
            return false;
        }
        if (!a.tags().stream().allMatch(p::hasTag) || a.notTags().stream().anyMatch(p::hasTag)) {
            return false;
        }
        if (!a.sources().isEmpty() && !a.sources().contains(p.getSource())) {
            return false;
        }
        return a.attributes().entrySet().stream().allMatch(e -> e.getValue().contains(p.attribute(e.getKey())));
    }

    /** The marker that remembers when a customer last entered this step's SOP. */
    public String entryMark() {
        return "sop/" + sop + "/entered";
    }

    /**
     * {@code true} when re-entry lets {@code p} enter this step's SOP at the profile's clock: it never
     * entered it; or {@code always}; or, for {@code after N days}, N days have passed since the last
     * entry. Entries are marked when a round settles, so steps of one SOP started in one round are one
     * entry.
     */
    public boolean mayEnter(dev.siyu.fact.Profile p) {
        java.util.Optional<java.time.OffsetDateTime> last = p.markedAt(entryMark());
        if (last.isEmpty() || reentry.mode() == ReentryMode.ALWAYS) {
            return true;
        }
        return reentry.mode() == ReentryMode.AFTER_DAYS && !p.getClock().isBefore(last.get().plusDays(reentry.days()));
    }

    /** {@code true} for a calendar anchor (date, weekday, holiday, solar term) that is on {@code day}. */
    public boolean isOn(java.time.LocalDate day) {
        return switch (anchor.kind()) {
            case DATE -> anchor.date().equals(MonthDay.from(day));
            case WEEKDAY -> anchor.weekday() == day.getDayOfWeek();
            case HOLIDAY -> dev.siyu.schedule.ChineseCalendar.holidaysOn(day).contains(anchor.value());
            case SOLAR_TERM -> dev.siyu.schedule.ChineseCalendar.solarTermOn(day).orElse("").equals(anchor.value());
            default -> false;
        };
    }

    /** What a step is timed from. */
    public enum AnchorKind {
        /** An event of a type: the step is timed from the event. */
        EVENT,
        /** The customer entered a lifecycle stage: timed from the evaluation that saw it. */
        STAGE,
        /** A calendar date every year (MM-DD), from the start of that local day. */
        DATE,
        /** A weekday, every week, from the start of that local day. */
        WEEKDAY,
        /** A holiday of the calendar, by code, from the start of its local day. */
        HOLIDAY,
        /** A solar term, by its Chinese name (清明), from the start of its local day. */
        SOLAR_TERM,
        /** Another step of the same SOP: timed from that step's due time. */
        STEP,
        /** Another SOP's end action {@code start_sop} started this SOP: timed from that moment. */
        START
    }

    /**
     * What a step is timed from: {@code event:PRICE_INQUIRY} (or several types,
     * {@code event:PRICE_INQUIRY|QUOTE_SENT}), {@code stage:DORMANT}, {@code date:03-08},
     * {@code weekday:TUE}, {@code holiday:MID_AUTUMN}, {@code term:清明}, {@code step:day3}.
     *
     * <p>Immutable and thread-safe.
     */
    public record Anchor(AnchorKind kind, String value) {
        public Anchor {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        /** The weekday of a {@link AnchorKind#WEEKDAY} anchor. */
        public DayOfWeek weekday() {
            return DayOfWeek.valueOf(value);
        }

        /**
         * {@code true} for an {@link AnchorKind#EVENT} anchor on events of {@code type}; the value of
         * an event anchor is one type or several separated by {@code |} ({@code PRICE_INQUIRY|QUOTE_SENT}).
         */
        public boolean isEvent(String type) {
            if (kind != AnchorKind.EVENT) {
                return false;
            }
            if (value.equals(type)) {
                return true;
            }
            int at = value.indexOf(type);
            while (at >= 0) {
                int end = at + type.length();
                if ((at == 0 || value.charAt(at - 1) == '|') && (end == value.length() || value.charAt(end) == '|')) {
                    return true;
                }
                at = value.indexOf(type, at + 1);
            }
            return false;
        }

        /** The date of a {@link AnchorKind#DATE} anchor. */
        public MonthDay date() {
            return MonthDay.parse("--" + value);
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
        }
    }

    /**
     * How long after the anchor the task is due: an exact duration ({@code +2h}, {@code +30min},
     * {@code +1h30min}), or local calendar days with an optional clock time ({@code day 3}: the same
     * local time three calendar days later, daylight saving included; {@code day 1 at 10:00};
     * {@code at 10:00}: the anchor's own day). Exactly one of {@code exact} and {@code days} is present.
     *
     * <p>Immutable and thread-safe.
     */
    public record Offset(Optional<Duration> exact, Optional<Integer> days, Optional<LocalTime> at, String text) {
        public Offset {
            exact = exact == null ? Optional.empty() : exact;
            days = days == null ? Optional.empty() : days;
            at = at == null ? Optional.empty() : at;
            if (exact.isPresent() == days.isPresent()) {
                throw new IllegalArgumentException("an offset is either exact or in days: " + text);
            }
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Which customers a step is for; an empty set or map means "anyone". Within a column the values
     * are alternatives ("any of"), except {@code tags}, which the customer must all have; columns
     * combine with AND.
     *
     * <p>Immutable and thread-safe.
     */
    public record Audience(Set<String> engagements, Set<String> stages, Set<String> tiers, Set<String> tags,
                           Set<String> notTags, Set<String> sources, SortedMap<String, Set<String>> attributes) {
        /** Everyone. */
        public static final Audience EVERYONE = new Audience(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                new TreeMap<>());

        public Audience {
            engagements = Set.copyOf(engagements);
            stages = Set.copyOf(stages);
            tiers = Set.copyOf(tiers);
            tags = Set.copyOf(tags);
            notTags = Set.copyOf(notTags);
            sources = Set.copyOf(sources);
            TreeMap<String, Set<String>> copy = new TreeMap<>();
            attributes.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
            attributes = unmodifiableSortedMap(copy);
        }

        /** Builds an audience from a map of attribute alternatives. */
        static Audience of(Set<String> engagements, Set<String> stages, Set<String> tiers, Set<String> tags,
                           Set<String> notTags, Set<String> sources, Map<String, Set<String>> attributes) {
            return new Audience(engagements, stages, tiers, tags, notTags, sources, new TreeMap<>(attributes));
        }
    }

    /** How often a customer may enter an SOP again. */
    public enum ReentryMode {
        /** Once per customer, ever. */
        ONCE,
        /** Every time its anchor happens (the default). */
        ALWAYS,
        /** Not again within {@code days} days of the last entry. */
        AFTER_DAYS
    }

    /**
     * {@code once}, {@code always} or {@code after 30 days}.
     *
     * <p>Immutable and thread-safe.
     */
    public record Reentry(ReentryMode mode, int days) {
        public static final Reentry ALWAYS = new Reentry(ReentryMode.ALWAYS, 0);
        public static final Reentry ONCE = new Reentry(ReentryMode.ONCE, 0);

        public Reentry {
            Objects.requireNonNull(mode, "mode");
            if ((mode == ReentryMode.AFTER_DAYS) != (days > 0)) {
                throw new IllegalArgumentException("only 'after N days' has days, N >= 1");
            }
        }

        @Override
        public String toString() {
            return switch (mode) {
                case ONCE -> "once";
                case ALWAYS -> "always";
                case AFTER_DAYS -> "after " + days + " days";
            };
        }
    }

    /** What an end action does. */
    public enum EndActionKind {
        ADD_TAG, REMOVE_TAG, START_SOP
    }

    /**
     * What happens once the host reports the step's task sent or done ({@code TASK_SENT},
     * {@code TASK_DONE}, whichever comes first): {@code add_tag:生命周期/状态/老客},
     * {@code remove_tag:…}, {@code start_sop:vip-welcome} (the steps of that SOP anchored on
     * {@code start}).
     *
     * <p>Immutable and thread-safe.
     */
    public record EndAction(EndActionKind kind, String value) {
        public EndAction {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
        }
    }
}
