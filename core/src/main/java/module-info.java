/**
 * Siyu's engine: the model, the rule-facing facts and proposals, rule packs, the JSON wire form and
 * the Drools evaluation behind {@link dev.siyu.SiyuEngine}.
 *
 * <p>Exports the API packages only (docs/architecture.md, "Modules"); {@code dev.siyu.internal}, the
 * engine's implementation, is neither exported nor opened, so code on the module path can neither
 * compile against it nor reach it by reflection. Nothing is opened: Drools (rule files are compiled
 * into classes of its own class loader) and Jackson reach the facts, proposals and records through
 * their exported public types, including the {@code Profile} a rule matches, whose class is internal.
 *
 * <p>On the class path this descriptor is ignored and every public class is reachable; there, the
 * {@code package-info} of {@code dev.siyu.internal} and the build's tests are what keep it out of
 * the API.
 */
@SuppressWarnings("requires-automatic") // Drools, KIE, Commons CSV and lunar: automatic modules
module dev.siyu.core {
    requires transitive com.fasterxml.jackson.annotation;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.kie.api;
    requires org.kie.internal.api;
    requires org.drools.base;
    requires org.drools.compiler;
    requires org.drools.core;
    requires org.drools.decisiontables;
    requires org.drools.drl.ast;
    requires org.drools.drl.parser;
    requires org.drools.mvel;
    requires org.apache.commons.csv;
    requires org.apache.poi.poi;
    requires org.apache.poi.ooxml;
    requires com.samskivert.jmustache;
    requires lunar;
    requires org.slf4j;

    exports dev.siyu;
    exports dev.siyu.action;
    exports dev.siyu.error;
    exports dev.siyu.fact;
    exports dev.siyu.json;
    exports dev.siyu.model;
    exports dev.siyu.pack;
    exports dev.siyu.proposal;
    exports dev.siyu.scenario;
    exports dev.siyu.schedule;
    exports dev.siyu.script;
    exports dev.siyu.sop;

    // the packs of RulePack.defaults() and of other jars, through META-INF/services
    uses dev.siyu.pack.RulePackProvider;
}
