package dev.siyu.runtime;

import java.util.ArrayList;
import java.util.List;

/** A host's sender and sink that remember what they were handed, in order. Thread-safe. */
final class Recorder implements TaskSender, AlertSink {
    private final List<DueTask> tasks = new ArrayList<>();
    private final List<RaisedAlert> alerts = new ArrayList<>();

    @Override
    public synchronized void send(DueTask task) {
        tasks.add(task);
    }

    @Override
    public synchronized void raise(RaisedAlert alert) {
        alerts.add(alert);
    }

    synchronized List<DueTask> tasks() {
        return List.copyOf(tasks);
    }

    synchronized List<RaisedAlert> alerts() {
        return List.copyOf(alerts);
    }

    synchronized List<String> taskKeys() {
        return tasks.stream().map(DueTask::key).toList();
    }
}
