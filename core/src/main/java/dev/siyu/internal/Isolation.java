package dev.siyu.internal;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Customers are isolated by construction: a rule session holds many customers, so a rule that
 * matches two customer-scoped facts (the profile, the round's event, the sweep, a proposal, or a
 * type a rule file declares with a {@code customerId} field) must join them to one customer.
 * Otherwise {@code Sweep() $p : Profile()} would fire once per pair of customers in the session and
 * decide differently in a batch than alone. {@link #check} refuses such patterns with their
 * location and says how to write them.
 *
 * <p>A pattern is joined when it is the rule's first customer-scoped pattern, when it says
 * {@code customerId == $id} (or {@code $id == customerId}, or {@code customerId == $e.customerId})
 * with {@code $id} bound to the customer id of an earlier customer-scoped pattern ({@code $e} its
 * binding), when it says {@code this == $p} with {@code $p : profile} bound earlier, or when it
 * reads its facts {@code from} an expression (which can only reach the facts it is given).
 *
 * <p>Stateless and thread-safe.
 */
final class Isolation {
    /** The fact API's customer-scoped types. */
    private static final Set<String> CUSTOMER_SCOPED = Set.of("Profile", "Event", "Sweep", "StageProposal",
            "TaskProposal", "CancelProposal", "TagProposal", "EngagementProposal", "TierProposal", "OwnerProposal",
            "AlertProposal", "SuggestionProposal", "WatchProposal", "WakeUpProposal", "MarkProposal", "ActionProposal",
            "TierStanding", "TierMet");
    private static final Pattern BINDING = Pattern.compile("(\\$\\w+)\\s*:\\s*(customerId|profile)\\b");
    private static final Pattern JOIN = Pattern.compile(
            "(?:\\bcustomerId\\s*==\\s*(\\$\\w+)(?:\\s*\\.\\s*(?:customerId|getCustomerId\\(\\s*\\)))?)"
                    + "|(?:(\\$\\w+)(?:\\s*\\.\\s*(?:customerId|getCustomerId\\(\\s*\\)))?\\s*==\\s*customerId\\b)"
                    + "|(?:\\bthis\\s*==\\s*(\\$\\w+))");

    private Isolation() {
    }

    static List<Diagnostic> check(List<RulePack> packs) {
        Set<String> scoped = new HashSet<>(CUSTOMER_SCOPED);
        List<Object[]> files = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                if (!file.isDrl()) {
                    continue;
                }
                PackageDescr descr = Layers.parse(file);
                if (descr == null) {
                    continue; // syntax errors are the compiler's to report
                }
                for (TypeDeclarationDescr type : descr.getTypeDeclarations()) {
                    if (type.getFields().containsKey("customerId")) {
                        scoped.add(type.getTypeName());
                    }
                }
                files.add(new Object[] {pack.location() + file.path(), descr});
            }
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (Object[] file : files) {
            for (RuleDescr rule : ((PackageDescr) file[1]).getRules()) {
                checkRule((String) file[0], rule, scoped, problems);
            }
        }
        return problems;
    }

    private static void checkRule(String file, RuleDescr rule, Set<String> scoped, List<Diagnostic> problems) {
        List<PatternDescr> patterns = new ArrayList<>();
        collect(rule.getLhs(), patterns);
        Set<String> customerKeys = new HashSet<>(); // $id : customerId, $e : Event(...), $p : profile
        PatternDescr anchor = null;
        for (PatternDescr pattern : patterns) {
            if (!scoped.contains(simpleName(pattern.getObjectType()))) {
                continue;
            }
            List<String> constraints = constraints(pattern);
            boolean joined = anchor == null || pattern.getSource() instanceof FromDescr
                    || constraints.stream().anyMatch(c -> joins(c, customerKeys));
            if (!joined) {
                problems.add(new Diagnostic(file, pattern.getLine(), pattern.getColumn() + 1, "rule '" + rule.getName()
                        + "': pattern " + simpleName(pattern.getObjectType()) + "(...) is not joined to the customer of "
                        + simpleName(anchor.getObjectType()) + " at line " + anchor.getLine()
                        + "; a session holds many customers, so write " + simpleName(pattern.getObjectType())
                        + "( customerId == $id, ... ) with $id : customerId bound in the first pattern"
                        + " (or bind the profile there: Sweep( $p : profile ))"));
            }
            if (anchor == null) {
                anchor = pattern;
            }
            if (pattern.getIdentifier() != null) {
                customerKeys.add(pattern.getIdentifier());
            }
            for (String constraint : constraints) {
                Matcher binding = BINDING.matcher(constraint);
                while (binding.find()) {
                    customerKeys.add(binding.group(1));
                }
            }
        }
    }

    private static boolean joins(String constraint, Set<String> customerKeys) {
        Matcher join = JOIN.matcher(constraint);
        while (join.find()) {
            for (int group = 1; group <= 3; group++) {
                if (join.group(group) != null && customerKeys.contains(join.group(group))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> constraints(PatternDescr pattern) {
        List<String> texts = new ArrayList<>();
        if (pattern.getConstraint() instanceof BaseDescr constraint) {
            expressions(constraint, texts);
        }
        return texts;
    }

    private static void expressions(BaseDescr descr, List<String> into) {
        if (descr instanceof ExprConstraintDescr expression) {
            into.add(expression.getExpression());
        } else if (descr instanceof AndDescr and) {
            and.getDescrs().forEach(d -> expressions(d, into));
        } else if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(d -> expressions((BaseDescr) d, into));
        }
    }

    /** Every pattern of the conditions, in the order written, inside not, exists, or and accumulate too. */
    private static void collect(BaseDescr descr, List<PatternDescr> into) {
        if (descr instanceof PatternDescr pattern) {
            into.add(pattern);
            if (pattern.getSource() instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate) {
                collect(accumulate.getInput(), into);
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(d -> collect((BaseDescr) d, into));
        }
    }

    private static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
