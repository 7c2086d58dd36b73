package dev.siyu.internal;

import dev.siyu.pack.RuleResource;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The rule file a decision table ({@code *.drl.csv}, {@code *.drl.xlsx}) compiles to: what the
 * table's code cells become. Restricted packs are checked, and compiled, on it, so that a cell is held
 * to the same allow-list as a rule file.
 */
final class TableDrl {
    private TableDrl() {
    }

    /**
     * The table as a rule file under the table's own path, or {@code null} when it cannot be read
     * (the compiler then reports it).
     */
    static RuleResource of(RuleResource table) {
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(table.content()),
                    table.isCsvTable() ? InputType.CSV : InputType.XLS);
            return new RuleResource(table.path(), drl.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The file's rule-language text: itself for a rule file, the compiled table for a table, else {@code null}. */
    static RuleResource drlOf(RuleResource file) {
        return file.isDrl() ? file : file.isDecisionTable() ? of(file) : null;
    }
}
