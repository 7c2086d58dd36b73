package dev.siyu.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a compiled class refers to, read from its constant pool: the classes it names (including
 * array element types and the types in member descriptors) and the members it calls or reads
 * ({@code owner.name}). This is what the Java compiler resolved, whatever the source said: a
 * fully qualified name, an import, a cast or a call through a chain of getters all end up here.
 *
 * <p>Stateless and thread-safe.
 */
final class ClassReferences {
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD = 9;
    private static final int METHOD = 10;
    private static final int INTERFACE_METHOD = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    /** The classes (dotted names) and members ({@code java.lang.Object.getClass}) a class refers to. */
    record References(Set<String> classes, Set<String> members) { }

    private ClassReferences() {
    }

    static References of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            int[] tags = new int[count];
            String[] utf8 = new String[count];
            int[] first = new int[count];
            int[] second = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case UTF8 -> utf8[i] = in.readUTF();
                    case INTEGER, FLOAT -> in.readInt();
                    case LONG, DOUBLE -> {
                        in.readLong();
                        i++; // takes two entries
                    }
                    case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> first[i] = in.readUnsignedShort();
                    case FIELD, METHOD, INTERFACE_METHOD, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case METHOD_HANDLE -> {
                        in.readUnsignedByte();
                        first[i] = in.readUnsignedShort();
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            Set<String> classes = new TreeSet<>();
            Set<String> members = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                switch (tags[i]) {
                    case CLASS -> addType(utf8[first[i]], classes);
                    case FIELD, METHOD, INTERFACE_METHOD -> {
                        String owner = dotted(utf8[first[first[i]]]);
                        int nameAndType = second[i];
                        members.add(elementType(owner) + "." + utf8[first[nameAndType]]);
                    }
                    case NAME_AND_TYPE, METHOD_TYPE -> descriptorTypes(utf8[tags[i] == NAME_AND_TYPE ? second[i] : first[i]], classes);
                    default -> { }
                }
            }
            return new References(classes, members);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable class file", e);
        }
    }

    private static void addType(String internalName, Set<String> into) {
        if (internalName.startsWith("[")) {
            descriptorTypes(internalName, into);
        } else {
            into.add(dotted(internalName));
        }
    }

    /** The class types named in a field or method descriptor. */
    private static void descriptorTypes(String descriptor, Set<String> into) {
        for (int i = descriptor.indexOf('L'); i >= 0; i = descriptor.indexOf('L', i + 1)) {
            int end = descriptor.indexOf(';', i);
            if (end < 0) {
                return;
            }
            // an 'L' inside a class name was consumed with it: continue after the ';'
            into.add(dotted(descriptor.substring(i + 1, end)));
            i = end;
        }
    }

    private static String elementType(String owner) {
        if (!owner.startsWith("[")) {
            return owner;
        }
        List<String> types = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        descriptorTypes(owner.replace('.', '/'), found);
        types.addAll(found);
        return types.isEmpty() ? "java.lang.Object" : types.get(0); // arrays of primitives: their clone() is Object's
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
