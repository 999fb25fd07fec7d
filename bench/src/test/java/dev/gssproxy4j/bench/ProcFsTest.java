package dev.gssproxy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // comm "(gss) proxy)" contains a space and a ')': fields must be counted from the last ')'.
        String stat = "4242 ((gss) proxy)) S 1 4242 4242 0 -1 4194560 1234 0 0 0 731 269 5 6 20 0 3 0 9876"
                + " 123456789 1024 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
        assertEquals(1000, ProcFs.cpuTicks(stat));
        assertEquals(10_000_000_000L, ProcFs.ticksToNanos(1000));
    }

    @Test
    void refusesSomethingThatIsNotAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcFs.cpuTicks("4242 gssproxy S 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> ProcFs.cpuTicks("4242 (gssproxy) S 1 2 3"));
    }

    @Test
    void memoryFromVmRssAndVmHwm() {
        String status = """
                Name:\tgssproxy
                Umask:\t0177
                VmPeak:\t  300000 kB
                VmHWM:\t    5120 kB
                VmRSS:\t    4400 kB
                Threads:\t6
                """;
        ProcFs.Memory memory = ProcFs.Memory.parse(status);
        assertEquals(4400, memory.rssKb());
        assertEquals(5120, memory.peakRssKb());
    }

    @Test
    void processWithoutResidentMemoryIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcFs.Memory.parse("Name:\tkthreadd\nState:\tS (sleeping)\n"));
        assertTrue(e.getMessage().contains("VmRSS"), e.getMessage());
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcFs.cpuNanos(pid) > 0);
        ProcFs.Memory memory = ProcFs.memory(pid);
        assertTrue(memory.rssKb() > 0 && memory.peakRssKb() >= memory.rssKb());
        assertTrue(ProcFs.effectiveUid() >= 0);
    }
}
