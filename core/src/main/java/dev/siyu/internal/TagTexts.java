package dev.siyu.internal;

import dev.siyu.model.Tag;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tags parsed once: the text of a tag to its {@link Tag} and group path, shared by every
 * evaluation (tags come from a small vocabulary; the cache stops growing at {@link #LIMIT}
 * entries, after which texts are parsed each time). A text that does not parse is never cached.
 *
 * <p>Thread-safe.
 */
final class TagTexts {
    static final int LIMIT = 100_000;

    private record Parsed(Tag tag, String group) { }

    private static final Map<String, Parsed> BY_TEXT = new ConcurrentHashMap<>();
    private static final Map<Tag, String> TEXTS = new ConcurrentHashMap<>();

    private TagTexts() {
    }

    private static Parsed parsed(String text) {
        Parsed parsed = BY_TEXT.get(text);
        if (parsed == null) {
            Tag tag = Tag.parse(text); // throws for a malformed text
            parsed = new Parsed(tag, tag.groupPath());
            if (BY_TEXT.size() < LIMIT) {
                BY_TEXT.putIfAbsent(text, parsed);
            }
        }
        return parsed;
    }

    /** The tag {@code text} names. @throws IllegalArgumentException when it is not {@code category/group/name} */
    static Tag tag(String text) {
        return parsed(text).tag();
    }

    /** The group path ({@code category/group}) of {@code text}. @throws IllegalArgumentException as {@link #tag} */
    static String group(String text) {
        return parsed(text).group();
    }

    /** {@code tag.toString()}, made once. */
    static String text(Tag tag) {
        String text = TEXTS.get(tag);
        if (text == null) {
            text = tag.toString();
            if (TEXTS.size() < LIMIT) {
                TEXTS.putIfAbsent(tag, text);
            }
        }
        return text;
    }
}
