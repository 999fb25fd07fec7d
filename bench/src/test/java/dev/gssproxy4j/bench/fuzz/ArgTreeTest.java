package dev.gssproxy4j.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgTreeTest {

    private static final ArgAcceptSecContext KERNEL = Args.kernelAccept(new byte[] {1, 2, 3});

    @Test
    void slotsAreNamedAsInGssProxyX() {
        List<String> labels = ArgTree.slots(KERNEL).stream().map(ArgTree.Slot::label).toList();
        assertTrue(labels.contains("call_ctx.options[1].value"), labels.toString());
        assertTrue(labels.contains("input_token"), labels.toString());
        assertTrue(labels.contains("ret_deleg_cred"), labels.toString());
        ArgTree.Slot value = ArgTree.slots(KERNEL).stream()
                .filter(s -> s.label().equals("call_ctx.options[1].value")).findFirst().orElseThrow();
        assertEquals("value", value.leaf());
        assertEquals("call_ctx.options[].value", value.withoutIndexes());
        assertEquals("exported_context_token", ArgTree.snake("exportedContextToken"));
    }

    @Test
    void replaceRebuildsOnlyThePathThroughTheCanonicalConstructors() {
        ArgTree.Slot value = ArgTree.slots(KERNEL).stream()
                .filter(s -> s.label().equals("call_ctx.options[1].value")).findFirst().orElseThrow();
        ArgAcceptSecContext changed = ArgTree.replace(KERNEL, value.path(), Opaque.utf8("x"));
        assertEquals(Opaque.utf8("x"), changed.callCtx().options().get(1).value());
        assertEquals(KERNEL.callCtx().options().get(0), changed.callCtx().options().get(0));
        assertEquals(KERNEL.inputToken(), changed.inputToken());
        assertEquals(KERNEL, ArgTree.replace(changed, value.path(), KERNEL.callCtx().options().get(1).value()));
    }
}
