package dev.siyu.flink;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference: the in-process day-by-day replay of {@code siyu simulate} ({@code dev.siyu.demo.Replay}:
 * from each customer's first day, every event at its time and the 08:30 sweep before the day's first
 * event at or after it), keeping every decision that has actions and the final states.
 */
final class InProcessReplay {
    private static final LocalTime SWEEP = LocalTime.of(8, 30);

    /** Decisions with actions (JSON lines, by customer id then time) and final states (by id). */
    record Result(List<String> decisions, List<String> states) { }

    private InProcessReplay() {
    }

    static Result run(SiyuEngine engine, List<EvaluationRequest> shop, LocalDate from, LocalDate to, ZoneId zone) {
        List<EvaluationRequest> byId = new ArrayList<>(shop);
        byId.sort(Comparator.comparing(r -> r.customer().id()));
        List<List<String>> decisions = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<Object[]> results = byId.parallelStream().map(r -> customer(engine, r, from, to, zone)).toList();
        for (Object[] result : results) {
            @SuppressWarnings("unchecked")
            List<String> lines = (List<String>) result[0];
            decisions.add(lines);
            states.add((String) result[1]);
        }
        return new Result(decisions.stream().flatMap(List::stream).toList(), states);
    }

    private static Object[] customer(SiyuEngine engine, EvaluationRequest request, LocalDate from, LocalDate to, ZoneId zone) {
        List<String> out = new ArrayList<>();
        Customer state = request.customer();
        LocalDate firstDay = state.addedAt().map(t -> t.atZoneSameInstant(zone).toLocalDate())
                .orElse(request.events().isEmpty() ? from : request.events().get(0).at().atZoneSameInstant(zone).toLocalDate());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.isBefore(firstDay)) {
                continue;
            }
            OffsetDateTime sweep = day.atTime(SWEEP).atZone(zone).toOffsetDateTime();
            boolean swept = false;
            for (Touchpoint event : request.events()) {
                if (!event.at().atZoneSameInstant(zone).toLocalDate().equals(day)) {
                    continue;
                }
                if (!swept && !event.at().isBefore(sweep)) {
                    state = evaluate(engine, state, List.of(), sweep, out);
                    swept = true;
                }
                state = evaluate(engine, state, List.of(event), event.at(), out);
            }
            if (!swept) {
                state = evaluate(engine, state, List.of(), sweep, out);
            }
        }
        return new Object[] {out, SiyuJson.write(state)};
    }

    private static Customer evaluate(SiyuEngine engine, Customer state, List<Touchpoint> events, OffsetDateTime at,
                                     List<String> out) {
        Decision decision = engine.evaluate(state, events, at);
        if (!decision.actions().isEmpty()) {
            out.add(SiyuJson.write(decision));
        }
        return decision.customer();
    }
}
