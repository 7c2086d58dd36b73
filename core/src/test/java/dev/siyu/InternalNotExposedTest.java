package dev.siyu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dev.siyu.internal} is not API: no public or protected member of a public type of another
 * core package (its supertypes, fields, constructors, methods, their generic arguments and
 * exceptions) names a type of the internal package.
 */
class InternalNotExposedTest {
    private static final String INTERNAL = "dev.siyu.internal";
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void noPublicSignatureOfTheApiNamesAnInternalType() {
        List<Class<?>> api = apiClasses();

        List<String> exposures = new ArrayList<>();
        for (Class<?> type : api) {
            exposures.addAll(exposures(type));
        }

        assertThat(api).as("public types of core's API packages").hasSizeGreaterThan(50);
        assertThat(exposures).as("public signatures naming a type of " + INTERNAL).isEmpty();
    }

    @Test
    void aSignatureNamingAnInternalTypeIsFound() throws ClassNotFoundException {
        Class<?> internal = Class.forName(INTERNAL + ".RuleBase");

        assertThat(names(internal, new HashSet<>())).isTrue();
        assertThat(exposures(Exposing.class)).singleElement().asString().contains("leak").contains("RuleBase");
        assertThat(exposures(NotExposing.class)).isEmpty();
    }

    /** A made-up API type that exposes an internal one through a generic argument. */
    public abstract static class Exposing {
        public abstract List<? extends dev.siyu.internal.RuleBase> leak();

        @SuppressWarnings("unused")
        private dev.siyu.internal.RuleBase hidden() {
            return null;
        }
    }

    /** A made-up API type whose internal use is private. */
    public abstract static class NotExposing {
        @SuppressWarnings("unused")
        private dev.siyu.internal.RuleBase base;

        public abstract List<String> names();
    }

    private static List<Class<?>> apiClasses() {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = CLASSES.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (name.startsWith(INTERNAL + ".") || name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, InternalNotExposedTest.class.getClassLoader());
                if (isVisible(type)) {
                    classes.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        return classes;
    }

    /** Public, and every enclosing type public too. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isExposed(Member member) {
        int modifiers = member.getModifiers();
        return (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) && !member.isSynthetic();
    }

    private static List<String> exposures(Class<?> type) {
        List<String> found = new ArrayList<>();
        String where = type.getName();
        if (names(type.getGenericSuperclass(), new HashSet<>())) {
            found.add(where + " extends " + type.getGenericSuperclass().getTypeName());
        }
        for (Type face : type.getGenericInterfaces()) {
            if (names(face, new HashSet<>())) {
                found.add(where + " implements " + face.getTypeName());
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (isExposed(field) && names(field.getGenericType(), new HashSet<>())) {
                found.add(where + "." + field.getName() + ": " + field.getGenericType().getTypeName());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isExposed(constructor)) {
                check(where + ".<init>", constructor.getGenericParameterTypes(), constructor.getGenericExceptionTypes(), null,
                        found);
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (isExposed(method) && !method.isBridge()) {
                check(where + "." + method.getName(), method.getGenericParameterTypes(), method.getGenericExceptionTypes(),
                        method.getGenericReturnType(), found);
            }
        }
        return found;
    }

    private static void check(String where, Type[] parameters, Type[] exceptions, Type result, List<String> found) {
        List<Type> types = new ArrayList<>(List.of(parameters));
        types.addAll(List.of(exceptions));
        if (result != null) {
            types.add(result);
        }
        for (Type t : types) {
            if (names(t, new HashSet<>())) {
                found.add(where + " uses " + t.getTypeName());
            }
        }
    }

    /** {@code true} when {@code type}, or any type it is made of, is in the internal package. */
    private static boolean names(Type type, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return false;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            return c.getPackageName().equals(INTERNAL);
        }
        if (type instanceof ParameterizedType p) {
            if (names(p.getRawType(), seen) || names(p.getOwnerType(), seen)) {
                return true;
            }
            for (Type argument : p.getActualTypeArguments()) {
                if (names(argument, seen)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof WildcardType w) {
            return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).anyMatch(b -> names(b, seen));
        }
        if (type instanceof TypeVariable<?> v) {
            return Stream.of(v.getBounds()).anyMatch(b -> names(b, seen));
        }
        if (type instanceof GenericArrayType a) {
            return names(a.getGenericComponentType(), seen);
        }
        return false;
    }
}
