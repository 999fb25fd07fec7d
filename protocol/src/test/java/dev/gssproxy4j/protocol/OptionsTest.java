package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void optionsAreBuiltWithTheNulTheCClientsSend() {
        GssxOption option = GssxOption.of(Options.SYNC_MODIFIED_CREDS, "default");
        assertEquals(20, option.option().length()); // "sync_modified_creds\0", as in init/02 call
        assertEquals(8, option.value().length());   // "default\0"
        assertEquals("sync_modified_creds", option.name());
        assertEquals("default", option.valueText());
        GssxOption binary = GssxOption.of(Options.LINUX_CREDS_V1, Opaque.of(new byte[] {1, 2, 3}));
        assertEquals(15, binary.option().length());
        assertEquals(3, binary.value().length());
    }

    @Test
    void namesMatchWithOrWithoutTheNul() {
        GssxOption withNul = GssxOption.of("localname", Opaque.EMPTY);
        GssxOption withoutNul = new GssxOption(Opaque.utf8("localname"), Opaque.utf8("alice"));
        assertTrue(withNul.nameIs("localname"));
        assertTrue(withoutNul.nameIs("localname"));
        assertFalse(withNul.nameIs("localnam"));
        assertFalse(withNul.nameIs("localname\0\0"));
    }

    @Test
    void findReturnsTheFirstMatchInWireOrder() {
        List<GssxOption> options = Options.builder()
                .add(Options.EXPORTED_CONTEXT_TYPE, Options.LINUX_LUCID_V1)
                .add(Options.EXPORTED_CREDS_TYPE, Options.LINUX_CREDS_V1)
                .add(Options.EXPORTED_CONTEXT_TYPE, "other")
                .build();
        assertEquals(Optional.of("linux_lucid_v1"), Options.valueText(options, Options.EXPORTED_CONTEXT_TYPE));
        assertEquals(Optional.of(Opaque.cString("linux_creds_v1")), Options.value(options, "exported_creds_type"));
        assertTrue(Options.contains(options, "exported_creds_type"));
        assertFalse(Options.contains(options, Options.LOCALNAME));
        assertEquals(Optional.empty(), Options.find(options, Options.SYNC_CREDS));
    }

    @Test
    void statusStringsAreSentAsCStringsWhenSet() {
        GssxStatus status = GssxStatus.of(0x90000, Opaque.EMPTY, 0, "Invalid token was supplied", "");
        assertEquals(27, status.majorStatusString().length());
        assertEquals(Opaque.EMPTY, status.minorStatusString());
        assertFalse(status.isComplete());
        assertTrue(GssxStatus.COMPLETE.isComplete());
    }
}
