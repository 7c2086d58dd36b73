package dev.siyu;

import dev.siyu.error.InputException;
import dev.siyu.error.SiyuException;
import dev.siyu.fact.Tiers;
import dev.siyu.internal.Evaluation;
import dev.siyu.internal.Evaluator;
import dev.siyu.internal.Layers;
import dev.siyu.internal.PackCatalogs;
import dev.siyu.internal.RuleBase;
import dev.siyu.internal.Scripts;
import dev.siyu.internal.Trace;
import dev.siyu.model.Customer;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.ActionCatalog;
import dev.siyu.pack.ContactPolicyFile;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.EventTypeCatalog;
import dev.siyu.pack.OwnerCatalog;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.TagCatalog;
import dev.siyu.pack.TaskKindCatalog;
import dev.siyu.pack.Typos;
import dev.siyu.schedule.ContactPolicy;
import dev.siyu.script.ScriptCatalog;
import dev.siyu.sop.SopTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Siyu engine: rule packs compiled once into one shared rule base, evaluated per customer.
 *
 * <pre>{@code
 * SiyuEngine engine = SiyuEngine.builder()
 *         .rules(RulePack.defaults())                     // the bundled playbook
 *         .rules(RulePack.directory(Path.of("my-rules"))) // an integrator's layer
 *         .build();                                       // compiles, or throws RulePackException
 * Decision decision = engine.evaluate(customer, events, now);
 * }</pre>
 *
 * <p>An evaluation applies the new events in time order (duplicates by id change nothing; an
 * event later than {@code now} refuses the whole input with an {@link InputException}), then
 * looks at the customer as of {@code now}. The decision holds the next state, to store and hand
 * back, and the net change as actions in a stable order. The engine never reads the machine's
 * clock: {@code now} is the evaluation time.
 *
 * <p>Immutable and thread-safe: evaluate from as many threads as you like. To reload rules,
 * build a new engine and swap the reference.
 */
public final class SiyuEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SiyuEngine.class);

    /** The zone of customers who have none: {@code Asia/Shanghai}. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** How long the rules may fire for one event round before they are stopped: 5 seconds. */
    public static final Duration DEFAULT_TIME_BOUND = Duration.ofSeconds(5);

    /** How long ids, marks and the order ledger are kept: 400 days (365 plus a margin). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

    private final RuleBase ruleBase;
    private final Evaluator evaluator;
    private final List<String> packNames;
    private final TagCatalog tagCatalog;
    private final ScriptCatalog scriptCatalog;
    private final SopTable sopTable;
    private final PackCatalogs catalogs;
    private final List<Diagnostic> warnings;

    private SiyuEngine(Builder builder, RuleBase ruleBase, TagCatalog catalog, ScriptCatalog scripts, ContactPolicy policy,
                       OwnerCatalog owners, PackCatalogs catalogs, List<Diagnostic> warnings, SopTable sops,
                       ActionCatalog actions) {
        this.sopTable = sops;
        this.scriptCatalog = scripts;
        this.ruleBase = ruleBase;
        this.tagCatalog = catalog;
        Set<String> inbound = builder.inboundTypes != null ? builder.inboundTypes
                : catalogs.eventTypes().isEmpty() ? EventTypes.DEFAULT_INBOUND : catalogs.eventTypes().inbound();
        this.catalogs = catalogs;
        List<Diagnostic> all = new ArrayList<>(ruleBase.warnings());
        all.addAll(warnings);
        this.warnings = List.copyOf(all);
        this.evaluator = new Evaluator(ruleBase, builder.zone, inbound, builder.retention,
                policy, catalog, new Scripts(scripts, builder.scriptValues, owners), builder.timeBound, catalogs,
                sops.steps(), actions);
        this.packNames = builder.packs.stream().map(RulePack::name).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates one customer with its new events at {@code now}.
     *
     * @throws InputException when an event is later than {@code now} or lacks what its type needs
     *                        (nothing is changed; the customer's state stays as it was)
     * @throws SiyuException  when a rule fails while firing
     */
    public Decision evaluate(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(now, "now");
        return decision(evaluator.evaluate(customer, List.copyOf(events), now));
    }

    /**
     * Evaluates like {@link #evaluate(Customer, List, OffsetDateTime)} and explains the decision:
     * for each action the rule and the facts it matched; for each rule what it did. Slower than
     * {@code evaluate}: for diagnosis, not for the daily sweep.
     */
    public Explanation explain(Customer customer, List<Touchpoint> events, OffsetDateTime now) {
        Objects.requireNonNull(customer, "customer");
        Trace trace = new Trace(ruleBase.ruleNames());
        Decision decision = decision(evaluator.evaluate(customer, List.copyOf(events), now, trace));
        List<Explanation.ActionReason> reasons = decision.actions().stream()
                .map(action -> new Explanation.ActionReason(action, action.rule(), trace.facts(action.rule())))
                .toList();
        List<Explanation.RuleActivity> activity = trace.activity().stream()
                .map(a -> new Explanation.RuleActivity(a.rule(), a.matched(), a.fired(), a.cancelled()))
                .toList();
        return new Explanation(decision, reasons, activity);
    }

    /** The engine's evaluation as the decision hosts see. */
    private static Decision decision(Evaluation e) {
        return new Decision(e.customerId(), e.evaluatedAt(), e.nextEvaluationAt(), e.customer(), e.actions());
    }

    /** Evaluates one request (customer and new events) at {@code now}. */
    public Decision evaluate(EvaluationRequest request, OffsetDateTime now) {
        return evaluate(request.customer(), request.events(), now);
    }

    /**
     * Evaluates a stream of inputs in parallel, many customers per rule session, handing each
     * outcome to {@code sink} in input order (from the calling thread). Memory stays bounded: only
     * {@link BatchOptions#batchesInFlight()} batches are read ahead. An input the engine refuses is
     * an outcome with its error; the batch goes on.
     *
     * @return how many inputs were evaluated and how many refused
     */
    public BatchSummary evaluateAll(Iterator<EvaluationRequest> inputs, OffsetDateTime now, Consumer<BatchOutcome> sink,
                                    BatchOptions options) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(sink, "sink");
        ExecutorService executor = options.executor().orElseGet(() -> Executors.newFixedThreadPool(options.threads(),
                runnable -> {
                    Thread thread = new Thread(runnable, "siyu-batch");
                    thread.setDaemon(true);
                    return thread;
                }));
        long evaluated = 0;
        long failed = 0;
        long index = 0;
        ArrayDeque<Future<List<BatchOutcome>>> inFlight = new ArrayDeque<>();
        try {
            while (inputs.hasNext() || !inFlight.isEmpty()) {
                while (inputs.hasNext() && inFlight.size() < options.batchesInFlight()) {
                    List<EvaluationRequest> batch = new ArrayList<>(options.customersPerSession());
                    while (inputs.hasNext() && batch.size() < options.customersPerSession()) {
                        batch.add(inputs.next());
                    }
                    long first = index;
                    index += batch.size();
                    inFlight.add(executor.submit(() -> evaluateBatch(batch, first, now)));
                }
                for (BatchOutcome outcome : await(inFlight.poll())) {
                    if (outcome.succeeded()) {
                        evaluated++;
                    } else {
                        failed++;
                    }
                    sink.accept(outcome);
                }
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            if (options.executor().isEmpty()) {
                executor.shutdownNow();
            }
        }
        return new BatchSummary(evaluated, failed);
    }

    /** {@link #evaluateAll(Iterator, OffsetDateTime, Consumer, BatchOptions)} with the default options. */
    public BatchSummary evaluateAll(Iterator<EvaluationRequest> inputs, OffsetDateTime now, Consumer<BatchOutcome> sink) {
        return evaluateAll(inputs, now, sink, BatchOptions.DEFAULT);
    }

    /** How a batch went. */
    public record BatchSummary(long evaluated, long failed) { }

    private List<BatchOutcome> evaluateBatch(List<EvaluationRequest> batch, long first, OffsetDateTime now) {
        List<Evaluator.Item> items = batch.stream().map(r -> new Evaluator.Item(r.customer(), r.events(), now)).toList();
        List<Evaluator.Result> results = evaluator.evaluateAll(items);
        List<BatchOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Evaluator.Result result = results.get(i);
            outcomes.add(new BatchOutcome(first + i, batch.get(i), result.decision().map(SiyuEngine::decision),
                    result.error()));
        }
        return outcomes;
    }

    private static List<BatchOutcome> await(Future<List<BatchOutcome>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiyuException("batch interrupted", e);
        } catch (ExecutionException e) {
            throw new SiyuException("batch failed: " + e.getCause(), e.getCause());
        }
    }

    /** The names of every rule in the engine, sorted. */
    public List<String> ruleNames() {
        return ruleBase.ruleNames();
    }

    /** The tag catalog merged from the packs' {@code *.tags.csv} files. */
    public TagCatalog tagCatalog() {
        return tagCatalog;
    }

    /** The script catalog merged from the packs' {@code *.scripts.json} files. */
    public ScriptCatalog scriptCatalog() {
        return scriptCatalog;
    }

    /** The SOP steps of the packs' {@code *.sop.csv} and {@code *.sop.xlsx} tables, layered. */
    public SopTable sopTable() {
        return sopTable;
    }

    /** The event types the packs' {@code *.event-types.csv} files declare. */
    public EventTypeCatalog eventTypes() {
        return catalogs.eventTypes();
    }

    /** The task kinds the packs' {@code *.task-kinds.csv} files declare. */
    public TaskKindCatalog taskKinds() {
        return catalogs.taskKinds();
    }

    /** The tiers the packs' {@code *.tiers.csv} files declare ({@link Tiers#DEFAULT} when none does). */
    public Tiers tiers() {
        return catalogs.tiers();
    }

    /**
     * What the packs compile with but should change, as {@code file:line:column: warning: …}: every
     * call of a deprecated {@code Profile} mutator in a rule file, naming the proposal to insert
     * instead; a rule file testing {@code type == "X"} for a type no event-type catalog declares (a
     * likely typo such as {@code FRIEND_ADD}, or a type to declare); a source that is one letter off a
     * known one. Also logged at build time; {@code siyu check} prints them.
     */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    /** The names of the packs this engine was built from, in layer order. */
    public List<String> packNames() {
        return packNames;
    }

    /**
     * Configures and builds a {@link SiyuEngine}. With no pack given, the engine runs the
     * default playbook ({@link RulePack#defaults()}).
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final List<RulePack> packs = new ArrayList<>();
        private ZoneId zone = DEFAULT_ZONE;
        private Set<String> inboundTypes; // null: the inbound types of the packs' event-type catalogs
        private Duration retention = DEFAULT_RETENTION;
        private ContactPolicy contactPolicy; // null: the packs' contact-policy files
        private final Map<String, String> scriptValues = new TreeMap<>();
        private Duration timeBound = DEFAULT_TIME_BOUND;

        private Builder() {
        }

        /**
         * How long the rules may fire for one event round (one event of each customer of a
         * session, or the sweep) before they are stopped and the session's customers evaluated
         * alone, so that only the one at fault is refused (default 5 s). Checked between
         * firings: a consequence that never returns is not stopped, so untrusted rule files belong
         * in a process of their own.
         */
        public Builder timeBound(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("time bound must be positive, got " + value);
            }
            this.timeBound = value;
            return this;
        }

        /** Adds a rule pack as the next layer. */
        public Builder rules(RulePack pack) {
            packs.add(Objects.requireNonNull(pack, "pack"));
            return this;
        }

        /** The zone of customers who have none (default {@code Asia/Shanghai}). */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * The event types that count as the customer's own interaction. Without this call they are
         * the {@code inbound} rows of the packs' event-type catalogs ({@code *.event-types.csv}; the
         * default playbook's are those of PLAYBOOK §1); with it, this set replaces theirs.
         */
        public Builder inboundTypes(Set<String> value) {
            this.inboundTypes = Set.copyOf(value);
            return this;
        }

        /**
         * How long processed event ids, once-only marks, the order ledger and the sent-task log
         * are kept (default 400 days). Must cover the longest window the rules look back over.
         */
        public Builder retention(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("retention must be positive, got " + value);
            }
            this.retention = value;
            return this;
        }

        /**
         * A shop-level value for scripts, e.g. {@code scriptValue("shop", "小雅眼镜")} or
         * {@code scriptValue("coupon", "满199减30券")}; it wins over the catalog's default.
         */
        public Builder scriptValue(String name, String value) {
            scriptValues.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * When tasks may reach customers: contact hours, caps, history. Without this call the
         * policy comes from the packs' {@code *.contact-policy.csv} files over the playbook's
         * ({@link ContactPolicy#DEFAULT}); with it, this policy replaces theirs.
         */
        public Builder contactPolicy(ContactPolicy value) {
            this.contactPolicy = Objects.requireNonNull(value, "contactPolicy");
            return this;
        }

        /**
         * Compiles the packs into one rule base.
         *
         * @throws RulePackException listing every problem as file:line:column: message
         */
        public SiyuEngine build() {
            if (packs.isEmpty()) {
                packs.add(RulePack.defaults());
            }
            long started = System.nanoTime();
            List<RulePack> layered = Layers.effective(packs);
            TagCatalog catalog = TagCatalog.of(layered);
            ScriptCatalog scripts = ScriptCatalog.of(layered);
            PackCatalogs catalogs = PackCatalogs.of(layered);
            ContactPolicy policy = contactPolicy != null ? contactPolicy : ContactPolicyFile.of(layered, catalogs.taskKinds());
            OwnerCatalog owners = OwnerCatalog.of(layered);
            SopTable sops = sopTable(layered, catalog, scripts, catalogs.taskKinds());
            ActionCatalog actions = ActionCatalog.of(layered);
            RuleBase ruleBase = RuleBase.compile(layered, catalog, scripts, catalogs);
            List<Diagnostic> warnings = new ArrayList<>();
            Typos typos = Typos.of(layered, catalogs.eventTypes().names());
            for (RulePack pack : layered) {
                for (Diagnostic warning : typos.inRuleFiles(pack)) {
                    LOG.warn("rule pack {}: {}", pack.name(), warning);
                    warnings.add(warning);
                }
            }
            LOG.info("Siyu engine built from packs {}: {} rules in {} ms",
                    packs.stream().map(RulePack::name).collect(Collectors.joining(", ")),
                    ruleBase.ruleNames().size(), (System.nanoTime() - started) / 1_000_000);
            return new SiyuEngine(this, ruleBase, catalog, scripts, policy, owners, catalogs, warnings, sops, actions);
        }

        /** The packs' SOP tables, their scripts, task kinds and tags checked against the catalogs. */
        private static SopTable sopTable(List<RulePack> layered, TagCatalog catalog, ScriptCatalog scripts,
                                         dev.siyu.pack.TaskKindCatalog kinds) {
            SopTable sops = SopTable.of(layered);
            List<dev.siyu.pack.Diagnostic> problems = sops.checkReferences(scripts::knows, kind -> {
                try {
                    return kinds.declares(dev.siyu.model.TaskKind.valueOf(kind));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }, tag -> {
                try {
                    dev.siyu.model.Tag parsed = dev.siyu.model.Tag.parse(tag);
                    return catalog.knows(parsed.groupPath()) ? java.util.Optional.empty()
                            : java.util.Optional.of("unknown tag group '" + parsed.groupPath() + "'");
                } catch (IllegalArgumentException e) {
                    return java.util.Optional.of("'" + tag + "' is not a tag category/group/name");
                }
            });
            if (!problems.isEmpty()) {
                throw new RulePackException("SOP tables", problems);
            }
            return sops;
        }
    }
}
