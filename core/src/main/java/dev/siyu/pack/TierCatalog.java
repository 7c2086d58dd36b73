package dev.siyu.pack;

import dev.siyu.fact.Tiers;
import dev.siyu.model.Tier;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The membership tiers of the packs (会员等级, PLAYBOOK §4), as pack files {@code *.tiers.csv} with the
 * header {@code tier,rank,desk,welcome_script,window_days} (more columns, e.g. a description, are
 * allowed), one tier a row:
 *
 * <ul>
 *   <li>{@code tier}: its name (letters of any script, digits, {@code _}, {@code -}: {@code VIP}, {@code 小B});</li>
 *   <li>{@code rank}: a whole number, unique; tiers only go up, to a higher rank;</li>
 *   <li>{@code desk}: the owner a customer reaching the tier is handed to (may be blank for the lowest);</li>
 *   <li>{@code welcome_script}: the script of the welcome task (may be blank for the lowest);</li>
 *   <li>{@code window_days}: the trailing window, in days, the tier's criteria are measured over.</li>
 * </ul>
 *
 * The criteria that reach a tier are the rows of a tier decision table ({@code vip-criteria.drl.csv});
 * a row's desk and welcome script, when filled, win over the catalog's. Files layer per row: a later
 * pack's row for a tier replaces the earlier row. Every bad cell is reported with file, row and column.
 *
 * <p>Immutable and thread-safe.
 */
public final class TierCatalog {
    /** How the file's name ends. */
    public static final String SUFFIX = ".tiers.csv";

    private static final List<String> HEADER = List.of("tier", "rank", "desk", "welcome_script", "window_days");
    private static final int MAX_WINDOW_DAYS = 3650;

    private TierCatalog() {
    }

    /**
     * The tiers of the packs' catalogs in layer order, or {@link Tiers#DEFAULT} when no pack has one.
     *
     * @throws RulePackException listing every bad cell as file:row:column
     */
    public static Tiers of(List<RulePack> packs) {
        Map<Tier, Tiers.Declaration> tiers = new LinkedHashMap<>();
        Map<Tier, String> where = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "unreadable tier catalog: ", problems,
                (file, parser) -> read(file, parser, tiers, where, problems));
        Map<Integer, Tier> byRank = new LinkedHashMap<>();
        for (Tiers.Declaration d : tiers.values()) {
            Tier other = byRank.putIfAbsent(d.rank(), d.tier());
            if (other != null) {
                String[] at = where.get(d.tier()).split(":");
                problems.add(new Diagnostic(at[0], Integer.parseInt(at[1]), 2, "tier '" + d.tier() + "' has rank " + d.rank()
                        + ", the rank of tier '" + other + "': ranks must differ"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulePackException("tier catalog", problems);
        }
        return tiers.isEmpty() ? Tiers.DEFAULT : new Tiers(List.copyOf(tiers.values()));
    }

    private static void read(String file, CSVParser parser, Map<Tier, Tiers.Declaration> tiers, Map<Tier, String> where,
                             List<Diagnostic> problems) {
        boolean header = true;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (CSVRecord record : parser) {
            int line = (int) parser.getCurrentLineNumber();
            if (header) {
                header = false;
                List<String> names = record.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
                if (names.size() < HEADER.size() || !names.subList(0, HEADER.size()).equals(HEADER)) {
                    problems.add(new Diagnostic(file, line, 1, "expected the header " + String.join(",", HEADER)
                            + " (more columns may follow), got " + String.join(",", record.toList())));
                    return;
                }
                continue;
            }
            if (record.size() < HEADER.size()) {
                problems.add(new Diagnostic(file, line, 1, "expected " + HEADER.size() + " columns ("
                        + String.join(",", HEADER) + "), got " + record.size()));
                continue;
            }
            int before = problems.size();
            String name = record.get(0);
            if (!Tier.isValidName(name)) {
                problems.add(new Diagnostic(file, line, 1, "tier '" + name
                        + "' must be letters, digits, _ and - (at most 64)"));
            } else if (seen.putIfAbsent(name, line) != null) {
                problems.add(new Diagnostic(file, line, 1, "tier '" + name + "' is already declared on line " + seen.get(name)));
            }
            int rank = 0;
            try {
                rank = Integer.parseInt(record.get(1));
            } catch (NumberFormatException e) {
                problems.add(new Diagnostic(file, line, 2, "rank must be a whole number, got '" + record.get(1) + "'"));
            }
            int window = 0;
            try {
                window = Integer.parseInt(record.get(4));
            } catch (NumberFormatException e) {
                window = -1;
            }
            if (window < 1 || window > MAX_WINDOW_DAYS) {
                problems.add(new Diagnostic(file, line, 5, "window_days must be a whole number of days from 1 to "
                        + MAX_WINDOW_DAYS + ", got '" + record.get(4) + "'"));
            }
            if (problems.size() == before) {
                Tier tier = Tier.valueOf(name);
                tiers.put(tier, new Tiers.Declaration(tier, rank, record.get(2), record.get(3), window));
                where.put(tier, file + ":" + line);
            }
        }
    }
}
