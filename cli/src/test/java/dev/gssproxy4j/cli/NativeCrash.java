package dev.gssproxy4j.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** A JVM that dies in native code, as a crash in MIT's library would: {@code strlen} of address 8. */
final class NativeCrash {

    private NativeCrash() {}

    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle strlen = linker.downcallHandle(linker.defaultLookup().find("strlen").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        System.out.println((long) strlen.invokeExact(MemorySegment.ofAddress(8)));
    }
}
