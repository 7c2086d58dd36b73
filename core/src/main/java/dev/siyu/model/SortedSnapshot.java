package dev.siyu.model;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable copy of a map with string keys, in key order: what the model's records hold for
 * their maps. A snapshot handed to a record again is kept as it is, not copied (nothing can change
 * it: its tree is never handed out), so that a state passed through the engine unchanged costs no
 * copy.
 *
 * <p>Immutable and thread-safe.
 */
final class SortedSnapshot<V> extends AbstractMap<String, V> implements SortedMap<String, V> {
    private static final SortedSnapshot<?> EMPTY = new SortedSnapshot<>(new TreeMap<>());

    private final SortedMap<String, V> view;

    private SortedSnapshot(TreeMap<String, V> tree) {
        this.view = Collections.unmodifiableSortedMap(tree);
    }

    /** {@code map} itself when it is a snapshot, otherwise an immutable sorted copy ({@code null}: empty). */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> of(Map<String, V> map) {
        if (map instanceof SortedSnapshot) {
            return map;
        }
        if (map == null || map.isEmpty()) {
            return (Map<String, V>) EMPTY;
        }
        return new SortedSnapshot<>(new TreeMap<>(map));
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return view.keySet();
    }

    @Override
    public Collection<V> values() {
        return view.values();
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public boolean isEmpty() {
        return view.isEmpty();
    }

    @Override
    public V get(Object key) {
        return key == null ? null : view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && view.containsKey(key);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return key == null ? defaultValue : view.getOrDefault(key, defaultValue);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
        view.forEach(action);
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public SortedMap<String, V> subMap(String fromKey, String toKey) {
        return view.subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, V> headMap(String toKey) {
        return view.headMap(toKey);
    }

    @Override
    public SortedMap<String, V> tailMap(String fromKey) {
        return view.tailMap(fromKey);
    }

    @Override
    public String firstKey() {
        return view.firstKey();
    }

    @Override
    public String lastKey() {
        return view.lastKey();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || view.equals(o);
    }

    @Override
    public int hashCode() {
        return view.hashCode();
    }

    @Override
    public String toString() {
        return view.toString();
    }
}
