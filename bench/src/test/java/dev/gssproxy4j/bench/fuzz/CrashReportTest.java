package dev.gssproxy4j.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CrashReportTest {

    @Test
    void anAssertionIsNamedWithItsSignal() {
        CrashReport report = CrashReport.of(OptionalInt.of(134), "some log line\njava: ../../src/lib/gssapi/krb5/"
                + "import_name.c:303: krb5_gss_import_name: Assertion `cp == end' failed.\n", Optional.empty());
        assertTrue(report.describe().startsWith("exit status 134 (SIGABRT): assertion failed: "), report.describe());
        assertTrue(report.describe().contains("import_name.c:303"), report.describe());
    }

    @Test
    void aNativeFaultNamesTheFrameAndOurCallerFromTheJvmReport() {
        String jvmReport = """
                # A fatal error has been detected by the Java Runtime Environment:
                #
                #  SIGSEGV (0xb) at pc=0x00007f5d0d16dc62, pid=432, tid=450
                #
                # Problematic frame:
                # C  [libc.so.6+0x16dc62]
                #
                Java frames: (J=compiled Java code, j=interpreted, Vv=VM code)
                j  dev.gssproxy4j.mech.GssNative.importSecContext(Ljava/lang/foreign/MemorySegment;)I+9
                """;
        CrashReport report = CrashReport.of(OptionalInt.of(1), "", Optional.of(jvmReport));
        assertEquals("exit status 1: SIGSEGV in C  [libc.so.6+0x16dc62] called from "
                + "dev.gssproxy4j.mech.GssNative.importSecContext (JVM crash report saved)", report.describe());
    }

    @Test
    void glibcHeapChecksAndOtherEndings() {
        assertTrue(CrashReport.of(OptionalInt.of(134), "free(): invalid pointer\n", Optional.empty()).describe()
                .endsWith("glibc heap check: free(): invalid pointer"));
        assertEquals("exit status 137 (SIGKILL)", CrashReport.of(OptionalInt.of(137), "", Optional.empty())
                .describe());
        assertEquals("exit status 1: last stderr line: bye", CrashReport.of(OptionalInt.of(1), "hello\nbye\n\n",
                Optional.empty()).describe());
    }
}
